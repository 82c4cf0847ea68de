package io.rapport.collect.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of the ingest pipeline ({@code rapport.collect.*}). The wire limits of the tracking API are fixed
 * by the Segment contract and live in {@link TrackingLimits}.
 *
 * @param queueCapacity messages that may wait for the appender; beyond it calls are answered 429
 * @param maxGroupSize the most messages the appender writes in one transaction
 * @param ackTimeout how long a tracking call waits for its commit before answering 503
 * @param consumerBatchSize events a consumer is given per transaction
 * @param failedEventRetention how long refused messages are kept for debugging
 */
@ConfigurationProperties("rapport.collect")
public record CollectProperties(int queueCapacity, int maxGroupSize, Duration ackTimeout, int consumerBatchSize,
        Duration failedEventRetention) {

    public CollectProperties {
        if (queueCapacity < TrackingLimits.MAX_BATCH_MESSAGES) {
            throw new IllegalArgumentException("rapport.collect.queue-capacity must hold at least one full batch ("
                    + TrackingLimits.MAX_BATCH_MESSAGES + " messages)");
        }
        if (maxGroupSize < 1 || consumerBatchSize < 1) {
            throw new IllegalArgumentException("rapport.collect.max-group-size and consumer-batch-size must be positive");
        }
    }
}
