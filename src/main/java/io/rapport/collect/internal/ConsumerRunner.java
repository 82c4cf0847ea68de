package io.rapport.collect.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the event log to every {@link EventConsumer} bean. Each batch is handled in the same transaction that also
 * moves the consumer's checkpoint (locked with {@code select … for update}, so two nodes never handle the same
 * batch; a lane locks its consumers' checkpoints in one order, so two nodes cannot deadlock on them): effects
 * happen exactly once. A failing consumer is retried after a pause; the others go on.
 * <p>
 * Each {@link EventConsumer.Lane} has its own thread. A lane reads one batch per round, after the checkpoint of its
 * consumer furthest behind, and gives every consumer the part after its own checkpoint: the log is read and decoded
 * once per lane rather than once per consumer, and consumers that start apart fall into step after one round. A
 * round is one transaction with a savepoint per consumer: one commit per lane and round.
 */
@Component
class ConsumerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final ObjectProvider<EventConsumer> consumers;
    private final EventLog eventLog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
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
        this.savepoints = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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

    private void loop(EventConsumer.Lane lane, List<EventConsumer> members, Semaphore signal) {
        while (running) {
            if (!round(lane, members)) {
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

    /**
     * Offers the lane's next batch to each of its consumers not pausing after a failure, all in one transaction (one
     * commit per round, not one per consumer) with a savepoint per consumer, so a failing consumer rolls back alone.
     * True if any consumer had work.
     */
    private boolean round(EventConsumer.Lane lane, List<EventConsumer> members) {
        List<EventConsumer> ready = members.stream().filter(this::ready).toList();
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
        long start = System.nanoTime();
        List<Handled> handled = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                for (EventConsumer consumer : ready) {
                    handle(consumer, from, shared).ifPresent(handled::add);
                }
            });
        } catch (RuntimeException e) {
            log.error("The commit of lane {} failed; its consumers retry in {}", lane, RETRY_AFTER_FAILURE, e);
            ready.forEach(consumer -> fail(consumer, e));
            return false;
        }
        for (Handled done : handled) {
            Timer.builder("rapport.consumer.batch").description("Time a consumer spent on one batch of events")
                    .tag("consumer", done.consumer()).register(meters).record(done.nanos(), TimeUnit.NANOSECONDS);
            meters.counter("rapport.consumer.events", "consumer", done.consumer()).increment(done.events());
        }
        Timer.builder("rapport.consumer.round")
                .description("A lane's round: every consumer's batch, the checkpoints and the one commit")
                .tag("lane", lane.name().toLowerCase(Locale.ROOT)).register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return !handled.isEmpty();
    }

    /** A consumer's batch that went well: how many events, and the time its work and checkpoint took. */
    private record Handled(String consumer, int events, long nanos) {
    }

    private boolean ready(EventConsumer consumer) {
        Failure failure = failures.get(consumer.name());
        return failure == null || !clock.instant().isBefore(failure.retryAt());
    }

    /**
     * Hands the consumer the events after its checkpoint, from {@code shared} (read after {@code from}) if it can,
     * inside a savepoint of the round's transaction; empty when it had nothing to do or failed.
     */
    private Optional<Handled> handle(EventConsumer consumer, long from, List<TrackedEvent> shared) {
        long start = System.nanoTime();
        try {
            Integer handled = savepoints.execute(status -> {
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
            return handled == null || handled == 0 ? Optional.empty()
                    : Optional.of(new Handled(consumer.name(), handled, System.nanoTime() - start));
        } catch (RuntimeException e) {
            log.error("Consumer {} failed; its batch is rolled back and retried in {}", consumer.name(),
                    RETRY_AFTER_FAILURE, e);
            fail(consumer, e);
            return Optional.empty();
        }
    }

    private void fail(EventConsumer consumer, RuntimeException e) {
        failures.put(consumer.name(), new Failure(String.valueOf(e.getMessage()),
                clock.instant().plus(RETRY_AFTER_FAILURE)));
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
                            .start(() -> loop(lane, members, signal));
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
