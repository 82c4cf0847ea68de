package io.rapport.feedback.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.rapport.collect.Source;
import io.rapport.platform.TokenBucket;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The limits of the public survey endpoints (the widget's, and the pages of mails and QR codes): a {@link TokenBucket}
 * per IP address ({@code rapport.feedback.public-rate-limit-per-ip}) and, for the widget, one per write key
 * ({@code public-rate-limit-per-write-key}), each holding a minute's worth of calls and refilled at that rate. The IP's bucket is asked first, before the write key
 * is even checked, so one busy address is refused before it uses up its shop's allowance; a call refused for the write
 * key still counts for its IP.
 */
@Component
public class WidgetRateLimiter {

    private static final double SECONDS_PER_MINUTE = 60.0;

    private final int perIp;
    private final int perWriteKey;
    private final ConcurrentHashMap<String, TokenBucket> ips = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> sources = new ConcurrentHashMap<>();

    WidgetRateLimiter(FeedbackProperties properties) {
        this.perIp = properties.publicRateLimitPerIp();
        this.perWriteKey = properties.publicRateLimitPerWriteKey();
    }

    /**
     * Counts one call from {@code ip}; asked before anything else about the call.
     *
     * @throws WidgetRateLimited when the address is over its limit
     */
    public void countIp(String ip) {
        long wait = take(ips, ip, perIp, System.nanoTime());
        if (wait > 0) {
            throw limited("This IP address may call Rapport's public survey endpoints " + perIp + " times per minute "
                    + "(rapport.feedback.public-rate-limit-per-ip)", wait);
        }
    }

    /**
     * Counts one call with a valid write key of {@code source}.
     *
     * @throws WidgetRateLimited when the source's pages are over their limit
     */
    public void countSource(Source.Id source) {
        long wait = take(sources, source.toString(), perWriteKey, System.nanoTime());
        if (wait > 0) {
            throw limited("The pages of this source may call the survey widget's endpoints " + perWriteKey
                    + " times per minute (rapport.feedback.public-rate-limit-per-write-key)", wait);
        }
    }

    private static long take(ConcurrentHashMap<String, TokenBucket> buckets, String key, int perMinute, long now) {
        long[] wait = new long[1];
        buckets.compute(key, (k, bucket) -> {
            TokenBucket current = bucket == null ? new TokenBucket(perMinute / SECONDS_PER_MINUTE, perMinute, now)
                    : bucket;
            wait[0] = current.tryTake(1, now);
            return current;
        });
        return wait[0];
    }

    private static WidgetRateLimited limited(String limit, long waitNanos) {
        long seconds = Math.max(1, Math.ceilDiv(waitNanos, TimeUnit.SECONDS.toNanos(1)));
        return new WidgetRateLimited(limit + "; retry after " + seconds + (seconds == 1 ? " second." : " seconds."),
                seconds);
    }

    /** Forgets buckets that are full again, so visitors who went away cost nothing. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void evictIdle() {
        long now = System.nanoTime();
        ips.keySet().forEach(ip -> ips.computeIfPresent(ip, (k, bucket) -> bucket.full(now) ? null : bucket));
        sources.keySet().forEach(key -> sources.computeIfPresent(key, (k, bucket) -> bucket.full(now) ? null : bucket));
    }
}
