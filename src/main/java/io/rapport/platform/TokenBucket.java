package io.rapport.platform;

/**
 * A token bucket: {@code ratePerSecond} tokens flow in continuously up to {@code capacity}; taking {@code n}
 * tokens succeeds only when all {@code n} are there. Time is given by the caller in nanoseconds of one
 * monotonic clock ({@link System#nanoTime()}). Not thread-safe: callers touch a bucket only while they hold it
 * (e.g. inside {@code ConcurrentHashMap.compute}).
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    /** A full bucket. */
    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (!(ratePerSecond > 0) || capacity < 1) {
            throw new IllegalArgumentException("A token bucket needs a positive rate and a capacity of at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    /**
     * Takes {@code n} tokens if the bucket holds them. Returns 0 when they were taken, otherwise (nothing taken)
     * the nanoseconds until the bucket will hold {@code n}, or {@link Long#MAX_VALUE} when {@code n} is more
     * than it can ever hold.
     */
    public long tryTake(int n, long nowNanos) {
        refill(nowNanos);
        if (n <= tokens) {
            tokens -= n;
            return 0;
        }
        if (n > capacity) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, (long) Math.ceil((n - tokens) * NANOS_PER_SECOND / ratePerSecond));
    }

    /** Whether the bucket is full again, and so no different from a new one. */
    public boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * ratePerSecond);
            refilledAt = nowNanos;
        }
    }
}
