package io.rapport.collect.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.rapport.collect.EventConsumer;
import io.rapport.collect.EventLog;
import io.rapport.collect.IngestStatus;
import io.rapport.collect.TrackedEvent;
import io.rapport.platform.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the event log to every {@link EventConsumer} bean. Each batch is handled in one transaction that also
 * moves the consumer's checkpoint (locked with {@code select … for update}, so two nodes never handle the same
 * batch): effects happen exactly once. A failing consumer is retried after a pause; the others go on.
 * <p>
 * Each {@link EventConsumer.Lane} has its own thread. A lane reads one batch per round, after the checkpoint of its
 * consumer furthest behind, and gives every consumer the part after its own checkpoint: the log is read and decoded
 * once per lane rather than once per consumer, and consumers that start apart fall into step after one round.
 */
@Component
class ConsumerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final ObjectProvider<EventConsumer> consumers;
    private final EventLog eventLog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CollectProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /** A lane's thread, and the signal that wakes it when new events are committed. */
    private record Worker(Thread thread, Semaphore signal) {
    }

    private record Failure(String message, Instant retryAt) {
    }

    ConsumerRunner(ObjectProvider<EventConsumer> consumers, EventLog eventLog, JdbcClient jdbc,
            TransactionTemplate transactions, CollectProperties properties, Clock clock, MeterRegistry meters) {
        this.consumers = consumers;
        this.eventLog = eventLog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** New events were committed; consumers should look. */
    void wake() {
        for (Worker worker : workers) {
            if (worker.signal().availablePermits() == 0) {
                worker.signal().release();
            }
        }
    }

    List<IngestStatus.ConsumerLag> lags(long head) {
        return consumers.orderedStream().map(consumer -> lag(consumer.name(), head)).toList();
    }

    private IngestStatus.ConsumerLag lag(String consumer, long head) {
        long position = position(consumer);
        Duration delay = eventLog.receivedAfter(position)
                .map(received -> Duration.between(received, clock.instant()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        Failure failure = failures.get(consumer);
        return new IngestStatus.ConsumerLag(consumer, position, Math.max(0, head - position), delay,
                failure == null ? null : failure.message());
    }

    /** Per consumer: events behind the head of the log, and how long the oldest of them has waited. */
    private void registerGauges() {
        consumers.orderedStream().forEach(consumer -> {
            String name = consumer.name();
            Gauge.builder("rapport.consumer.behind", () -> lag(name, eventLog.head()).behind())
                    .description("Events in the log the consumer has not read yet").tag("consumer", name)
                    .register(meters);
            TimeGauge.builder("rapport.consumer.delay", () -> lag(name, eventLog.head()).delay().toMillis(),
                            TimeUnit.MILLISECONDS)
                    .description("How long the oldest event the consumer has not read has waited since it was received")
                    .tag("consumer", name).register(meters);
        });
    }

    private void loop(List<EventConsumer> lane, Semaphore signal) {
        while (running) {
            if (!round(lane)) {
                try {
                    signal.tryAcquire(1, TimeUnit.SECONDS);
                    signal.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Offers the lane's next batch to each of its consumers not pausing after a failure; true if any had work. */
    private boolean round(List<EventConsumer> lane) {
        List<EventConsumer> ready = lane.stream().filter(this::ready).toList();
        if (ready.isEmpty()) {
            return false;
        }
        Map<String, Long> positions = positions();
        long from = ready.stream().mapToLong(consumer -> positions.getOrDefault(consumer.name(), 0L)).min()
                .orElseThrow();
        List<TrackedEvent> shared = eventLog.after(from, properties.consumerBatchSize());
        if (shared.isEmpty()) {
            return false;
        }
        boolean busy = false;
        for (EventConsumer consumer : ready) {
            busy |= runOnce(consumer, from, shared) > 0;
        }
        return busy;
    }

    private boolean ready(EventConsumer consumer) {
        Failure failure = failures.get(consumer.name());
        return failure == null || !clock.instant().isBefore(failure.retryAt());
    }

    /** Hands the consumer the events after its checkpoint: from {@code shared} (read after {@code from}) if it can. */
    private int runOnce(EventConsumer consumer, long from, List<TrackedEvent> shared) {
        try {
            long start = System.nanoTime();
            Integer handled = transactions.execute(status -> {
                long position = jdbc.sql("select position from consumer_checkpoints where consumer = ? for update")
                        .param(consumer.name()).query(Long.class).single();
                List<TrackedEvent> batch = position >= from && position < shared.getLast().seq()
                        ? after(shared, position) : eventLog.after(position, properties.consumerBatchSize());
                if (batch.isEmpty()) {
                    return 0;
                }
                consumer.consume(batch);
                jdbc.sql("update consumer_checkpoints set position = ?, updated_at = ? where consumer = ?")
                        .params(batch.getLast().seq(), Timestamps.of(clock.instant()), consumer.name()).update();
                return batch.size();
            });
            failures.remove(consumer.name());
            if (handled == null || handled == 0) {
                return 0;
            }
            // The whole transaction: the consumer's work, the checkpoint and the commit (the shared read is not in it).
            Timer.builder("rapport.consumer.batch").description("Time a consumer spent on one batch of events")
                    .tag("consumer", consumer.name()).register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            meters.counter("rapport.consumer.events", "consumer", consumer.name()).increment(handled);
            return handled;
        } catch (RuntimeException e) {
            log.error("Consumer {} failed; its batch is rolled back and retried in {}", consumer.name(),
                    RETRY_AFTER_FAILURE, e);
            failures.put(consumer.name(), new Failure(String.valueOf(e.getMessage()),
                    clock.instant().plus(RETRY_AFTER_FAILURE)));
            return 0;
        }
    }

    /** The events of {@code batch} (in log order) after {@code position}. */
    private static List<TrackedEvent> after(List<TrackedEvent> batch, long position) {
        int low = 0;
        int high = batch.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (batch.get(middle).seq() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return batch.subList(low, batch.size());
    }

    private Map<String, Long> positions() {
        return jdbc.sql("select consumer, position from consumer_checkpoints")
                .query((rs, n) -> Map.entry(rs.getString("consumer"), rs.getLong("position"))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long position(String consumer) {
        return jdbc.sql("select position from consumer_checkpoints where consumer = ?").param(consumer)
                .query(Long.class).optional().orElse(0L);
    }

    @Override
    public void start() {
        registerGauges();
        consumers.orderedStream().forEach(consumer -> jdbc.sql("""
                insert into consumer_checkpoints (consumer, position, updated_at) values (?, 0, ?)
                on conflict do nothing""").params(consumer.name(), Timestamps.of(clock.instant())).update());
        running = true;
        consumers.orderedStream().collect(Collectors.groupingBy(EventConsumer::lane, TreeMap::new, Collectors.toList()))
                .forEach((lane, members) -> {
                    Semaphore signal = new Semaphore(0);
                    Thread thread = Thread.ofPlatform().name("rapport-consumers-" + lane.name().toLowerCase(Locale.ROOT))
                            .start(() -> loop(members, signal));
                    workers.add(new Worker(thread, signal));
                });
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            for (Worker worker : workers) {
                worker.thread().join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
