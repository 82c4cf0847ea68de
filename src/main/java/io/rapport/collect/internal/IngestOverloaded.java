package io.rapport.collect.internal;

/** The appender's queue is full; the caller should retry after a short wait (answered 429). */
public final class IngestOverloaded extends RuntimeException {

    IngestOverloaded(String message) {
        super(message, null, false, false);
    }
}
