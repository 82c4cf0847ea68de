package io.rapport.collect.internal;

/**
 * A call would take its source over {@code rapport.collect.source-rate-limit}; nothing of it was stored, and it
 * may be retried after {@link #retryAfterSeconds()} (answered 429).
 */
public final class SourceRateLimited extends RuntimeException {

    private final int limit;
    private final long retryAfterSeconds;

    SourceRateLimited(String message, int limit, long retryAfterSeconds) {
        super(message, null, false, false);
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The configured messages per second of one source. */
    public int limit() {
        return limit;
    }

    /** Whole seconds until the bucket holds this call's messages again; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
