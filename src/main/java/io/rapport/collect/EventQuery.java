package io.rapport.collect;

import org.jspecify.annotations.Nullable;

/** Filters of a newest-first read of the event log; every filter is optional. */
public record EventQuery(Source.@Nullable Id source, @Nullable MessageType type, @Nullable String userId,
        @Nullable String anonymousId, int limit, @Nullable String cursor) {

    public static final int MAX_LIMIT = 1_000;

    public static EventQuery latest(Source.@Nullable Id source, int limit) {
        return new EventQuery(source, null, null, null, limit, null);
    }
}
