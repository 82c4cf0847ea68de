package io.rapport.collect.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
    private final Semaphore signal = new Semaphore(0);
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread worker = Thread.ofPlatform().unstarted(() -> { });

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
        if (signal.availablePermits() == 0) {
            signal.release();
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

    private void loop() {
        consumers.orderedStream().forEach(consumer -> jdbc.sql("""
                insert into consumer_checkpoints (consumer, position, updated_at) values (?, 0, ?)
                on conflict do nothing""").params(consumer.name(), Timestamps.of(clock.instant())).update());
        while (running) {
            boolean busy = false;
            for (EventConsumer consumer : consumers.orderedStream().toList()) {
                busy |= runOnce(consumer) > 0;
            }
            if (!busy) {
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

    private int runOnce(EventConsumer consumer) {
        Failure failure = failures.get(consumer.name());
        if (failure != null && clock.instant().isBefore(failure.retryAt())) {
            return 0;
        }
        try {
            long start = System.nanoTime();
            Integer handled = transactions.execute(status -> {
                long position = jdbc.sql("select position from consumer_checkpoints where consumer = ? for update")
                        .param(consumer.name()).query(Long.class).single();
                List<TrackedEvent> batch = eventLog.after(position, properties.consumerBatchSize());
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
            // The whole transaction: reading the batch, the consumer's work, the checkpoint and the commit.
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

    private long position(String consumer) {
        return jdbc.sql("select position from consumer_checkpoints where consumer = ?").param(consumer)
                .query(Long.class).optional().orElse(0L);
    }

    @Override
    public void start() {
        registerGauges();
        running = true;
        worker = Thread.ofPlatform().name("rapport-consumers").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
