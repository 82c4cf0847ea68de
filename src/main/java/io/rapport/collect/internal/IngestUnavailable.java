package io.rapport.collect.internal;

/** The messages could not be committed (storage down, or too slow); the caller should retry (answered 503). */
public final class IngestUnavailable extends RuntimeException {

    IngestUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
