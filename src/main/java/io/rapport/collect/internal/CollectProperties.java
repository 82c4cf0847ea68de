package io.rapport.collect.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the ingest pipeline ({@code rapport.collect.*}). The wire limits of the tracking API are fixed
 * by the Segment contract and live in {@link TrackingLimits}.
 *
 * @param queueCapacity messages that may wait for the appender; beyond it calls are answered 429
 * @param maxGroupSize the most messages the appender writes in one transaction
 * @param ackTimeout how long a tracking call waits for its commit before answering 503
 * @param consumerBatchSize events a consumer is given per transaction
 * @param failedEventRetention how long refused messages are kept for debugging
 * @param sourceRateLimit the most messages per second one source may send, sustained; 0 = no per-source limit
 *        (see {@link SourceRateLimiter})
 */
@ConfigurationProperties("rapport.collect")
public record CollectProperties(int queueCapacity, int maxGroupSize, Duration ackTimeout, int consumerBatchSize,
        Duration failedEventRetention, @DefaultValue("0") int sourceRateLimit) {

    public CollectProperties {
        if (queueCapacity < TrackingLimits.MAX_BATCH_MESSAGES) {
            throw new IllegalArgumentException("rapport.collect.queue-capacity must hold at least one full batch ("
                    + TrackingLimits.MAX_BATCH_MESSAGES + " messages)");
        }
        if (maxGroupSize < 1 || consumerBatchSize < 1) {
            throw new IllegalArgumentException("rapport.collect.max-group-size and consumer-batch-size must be positive");
        }
        if (sourceRateLimit < 0) {
            throw new IllegalArgumentException("rapport.collect.source-rate-limit must be 0 (no per-source limit) or "
                    + "a positive number of messages per second, not " + sourceRateLimit);
        }
    }
}
