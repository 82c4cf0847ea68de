package io.rapport.collect.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rapport.platform.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of the event log. Tracking calls hand their messages to a bounded queue and wait; one
 * thread drains the queue and writes everything waiting in one transaction (JDBC batch), then releases
 * the callers. Many small calls thus share one commit, and a call is answered only once its messages are
 * durable. Duplicates of a (source, messageId) already stored are skipped by the database.
 */
@Component
class GroupCommitAppender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitAppender.class);
    private static final String INSERT = """
            insert into events (source_id, message_id, type, event, user_id, anonymous_id, occurred_at,
                                received_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    private record Append(List<NewEvent> events, long enqueuedNanos, CompletableFuture<Void> committed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CollectProperties properties;
    private final ConsumerRunner consumers;
    private final IngestRate rate;
    private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter overloaded;
    private final Timer ackLatency;
    private final DistributionSummary groupSize;
    private volatile boolean running;
    private Thread writer = Thread.ofPlatform().unstarted(() -> { });

    GroupCommitAppender(JdbcTemplate jdbc, TransactionTemplate transactions, CollectProperties properties,
            ConsumerRunner consumers, IngestRate rate, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.consumers = consumers;
        this.rate = rate;
        this.capacity = new Semaphore(properties.queueCapacity());
        this.stored = Counter.builder("rapport.events.stored").description("Messages committed to the event log")
                .register(meters);
        this.duplicates = Counter.builder("rapport.events.duplicates")
                .description("Messages skipped because their (source, messageId) was stored already").register(meters);
        this.overloaded = Counter.builder("rapport.collect.overloaded")
                .description("Messages answered 429 because the ingest queue was full").register(meters);
        this.ackLatency = Timer.builder("rapport.collect.ack.latency")
                .description("From a tracking call's hand-over to the commit of its messages")
                .publishPercentileHistogram().register(meters);
        this.groupSize = DistributionSummary.builder("rapport.collect.group.size")
                .description("Messages written per transaction").register(meters);
        Gauge.builder("rapport.collect.queue.depth", this, GroupCommitAppender::queueDepth)
                .description("Messages waiting for the appender").register(meters);
    }

    /**
     * Stores the messages and returns once they are committed.
     *
     * @throws IngestOverloaded when the queue is full
     * @throws IngestUnavailable when the messages could not be committed in time
     */
    void append(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!running) {
            throw new IngestUnavailable("Rapport is shutting down", new IllegalStateException("appender stopped"));
        }
        if (!capacity.tryAcquire(events.size())) {
            overloaded.increment(events.size());
            throw new IngestOverloaded("The ingest queue is full (" + properties.queueCapacity() + " messages).");
        }
        Append append = new Append(events, System.nanoTime(), new CompletableFuture<>());
        queue.add(append);
        try {
            append.committed().get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IngestUnavailable("The events could not be stored", e.getCause());
        } catch (TimeoutException e) {
            throw new IngestUnavailable("The events were not stored within " + properties.ackTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailable("Interrupted while waiting for the commit", e);
        }
    }

    int queueDepth() {
        return properties.queueCapacity() - capacity.availablePermits();
    }

    int queueCapacity() {
        return properties.queueCapacity();
    }

    /** Whether the writer thread is alive to take calls. */
    boolean writing() {
        return running && writer.isAlive();
    }

    private void drain() {
        List<Append> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Append first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int messages = first.events().size();
                Append next;
                while ((next = queue.peek()) != null && messages + next.events().size() <= properties.maxGroupSize()) {
                    group.add(queue.poll());
                    messages += next.events().size();
                }
                write(group, messages);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Append> group, int messages) {
        try {
            commit(group);
            complete(group);
        } catch (RuntimeException groupFailure) {
            // One call's bad data must not sink the others: retry each call in its own transaction.
            log.warn("A group of {} calls failed to commit; retrying them one by one", group.size(), groupFailure);
            for (Append append : group) {
                try {
                    commit(List.of(append));
                    complete(List.of(append));
                } catch (RuntimeException e) {
                    append.committed().completeExceptionally(e);
                }
            }
        } finally {
            capacity.release(messages);
        }
    }

    private void commit(List<Append> group) {
        List<NewEvent> rows = new ArrayList<>();
        group.forEach(append -> rows.addAll(append.events()));
        int[] counts = transactions.execute(status -> jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                NewEvent e = rows.get(i);
                ps.setObject(1, e.sourceId().value());
                ps.setString(2, e.messageId());
                ps.setString(3, e.type().wireName());
                ps.setString(4, e.event());
                ps.setString(5, e.userId());
                ps.setString(6, e.anonymousId());
                ps.setObject(7, Timestamps.of(e.timestamp()));
                ps.setObject(8, Timestamps.of(e.receivedAt()));
                ps.setString(9, e.payload());
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        }));
        int inserted = 0;
        for (int count : counts) {
            inserted += count > 0 || count == Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
        stored.increment(inserted);
        duplicates.increment(rows.size() - inserted);
        groupSize.record(rows.size());
        rate.record(inserted);
    }

    private void complete(List<Append> group) {
        long now = System.nanoTime();
        for (Append append : group) {
            ackLatency.record(Duration.ofNanos(now - append.enqueuedNanos()));
            append.committed().complete(null);
        }
        consumers.wake();
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("rapport-appender").daemon(false).start(this::drain);
    }

    /** Stops after the web server (lower phase): whatever was accepted is written before the JVM exits. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(properties.ackTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
