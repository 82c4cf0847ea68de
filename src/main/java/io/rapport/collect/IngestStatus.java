package io.rapport.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The health of the ingest pipeline on this node: the appender's queue, the stored rate per minute over
 * the last hour, and how far each consumer is behind the head of the event log.
 */
public record IngestStatus(int queueDepth, int queueCapacity, List<Minute> lastHour, long logHead,
        List<ConsumerLag> consumers) {

    public record Minute(Instant start, long stored) {
    }

    /**
     * A consumer's position in the log: {@code behind} events still to read, the oldest of which has waited
     * {@code delay} since it was received (zero when the consumer has read everything).
     */
    public record ConsumerLag(String name, long position, long behind, Duration delay, @Nullable String lastError) {
    }
}
