package io.rapport.collect;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A message that was refused, kept with the reason so that its sender can fix it. */
public record FailedEvent(long id, Source.Id sourceId, Instant receivedAt, @Nullable String field, String reason,
        String payload) {
}
