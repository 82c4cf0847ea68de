package io.rapport.collect.internal;

/** The limits of Segment's HTTP tracking API, which Rapport keeps so that existing clients behave the same. */
public final class TrackingLimits {

    /** One message, and the body of a single-message call. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;
    /** The body of a batch call (after gzip decoding). */
    public static final int MAX_BATCH_BYTES = 500 * 1024;
    public static final int MAX_BATCH_MESSAGES = 2_500;
    /** Deeper JSON is refused: it is never legitimate tracking data and costs stack to process. */
    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_MESSAGE_ID_LENGTH = 100;
    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_EVENT_NAME_LENGTH = 200;

    private TrackingLimits() {
    }
}
