package io.rapport.collect.web;

import java.util.Optional;

import io.rapport.collect.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The paths of the tracking API. The one-letter paths are analytics.js's: it sends {@code text/plain} bodies
 * with the write key inside, from the shopper's browser.
 */
enum TrackingCall {
    TRACK(MessageType.TRACK, "track", "t"),
    IDENTIFY(MessageType.IDENTIFY, "identify", "i"),
    PAGE(MessageType.PAGE, "page", "p"),
    SCREEN(MessageType.SCREEN, "screen", "s"),
    GROUP(MessageType.GROUP, "group", "g"),
    ALIAS(MessageType.ALIAS, "alias", "a"),
    /** {@code /v1/import} is where analytics-java sends its batches. */
    BATCH(null, "batch", "b", "import");

    private final @Nullable MessageType type;
    private final String[] paths;

    TrackingCall(@Nullable MessageType type, String... paths) {
        this.type = type;
        this.paths = paths;
    }

    /** The call and whether its path was a one-letter, client-side one. */
    record Match(TrackingCall call, boolean clientPath) {
    }

    static Optional<Match> of(String path) {
        for (TrackingCall call : values()) {
            for (String candidate : call.paths) {
                if (candidate.equals(path)) {
                    return Optional.of(new Match(call, path.length() == 1));
                }
            }
        }
        return Optional.empty();
    }

    @Nullable MessageType type() {
        return type;
    }

    boolean batch() {
        return type == null;
    }
}
