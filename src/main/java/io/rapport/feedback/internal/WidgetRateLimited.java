package io.rapport.feedback.internal;

/** A call of the widget's endpoints over a limit of {@link WidgetRateLimiter}: answered 429 with Retry-After. */
public final class WidgetRateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    WidgetRateLimited(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the call would pass; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
