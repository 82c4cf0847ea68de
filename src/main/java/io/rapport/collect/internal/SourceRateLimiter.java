package io.rapport.collect.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.collect.Source;
import io.rapport.platform.TokenBucket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The per-source limit of the tracking API ({@code rapport.collect.source-rate-limit}): one {@link TokenBucket} per
 * source, refilled at the limit, counted in messages. Its capacity (the burst) is one second's worth, but never less
 * than the largest batch a call may carry ({@value TrackingLimits#MAX_BATCH_MESSAGES} messages), so every valid call
 * passes once the bucket has refilled and a 429 is always worth retrying. A limit of 0 turns it off.
 */
@Component
class SourceRateLimiter {

    private final int limit;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Source.Id, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Counter limited;

    @Autowired
    SourceRateLimiter(CollectProperties properties, MeterRegistry meters) {
        this(properties.sourceRateLimit(), System::nanoTime, meters);
    }

    SourceRateLimiter(int limit, LongSupplier nanoTime, MeterRegistry meters) {
        this.limit = limit;
        this.burst = burst(limit);
        this.nanoTime = nanoTime;
        this.limited = Counter.builder("rapport.events.rate.limited")
                .description("Messages answered 429 because their source was over rapport.collect.source-rate-limit")
                .register(meters);
    }

    /** The bucket's capacity for this limit. */
    static int burst(int limit) {
        return Math.max(limit, TrackingLimits.MAX_BATCH_MESSAGES);
    }

    /**
     * Takes {@code messages} from the source's bucket.
     *
     * @throws SourceRateLimited when the bucket does not hold them; nothing is taken then
     */
    void acquire(Source.Id source, int messages) {
        if (limit == 0 || messages == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        long[] wait = new long[1];
        // The bucket is read and changed only inside compute, which holds its entry: no update is lost to a
        // concurrent call or to the eviction of idle buckets.
        buckets.compute(source, (id, bucket) -> {
            TokenBucket current = bucket == null ? new TokenBucket(limit, burst, now) : bucket;
            wait[0] = current.tryTake(messages, now);
            return current;
        });
        if (wait[0] > 0) {
            limited.increment(messages);
            long seconds = Math.max(1, Math.ceilDiv(wait[0], TimeUnit.SECONDS.toNanos(1)));
            throw new SourceRateLimited("This source may send " + limit + " messages per second "
                    + "(rapport.collect.source-rate-limit), in bursts of up to " + (long) burst + "; this call of "
                    + messages + (messages == 1 ? " message" : " messages") + " is over it. Nothing of it was stored; "
                    + "retry it after " + seconds + (seconds == 1 ? " second." : " seconds."), limit, seconds);
        }
    }

    /** Forgets buckets that are full again: they are no different from new ones, so sources that go quiet cost nothing. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void evictIdle() {
        long now = nanoTime.getAsLong();
        for (Source.Id source : buckets.keySet()) {
            buckets.computeIfPresent(source, (id, bucket) -> bucket.full(now) ? null : bucket);
        }
    }
}
