package io.rapport.collect.internal;

import java.time.Instant;

import io.rapport.collect.MessageType;
import io.rapport.collect.Source;
import org.jspecify.annotations.Nullable;

/** A validated, normalized message on its way into the event log. */
record NewEvent(Source.Id sourceId, String messageId, MessageType type, @Nullable String event,
        @Nullable String userId, @Nullable String anonymousId, Instant timestamp, Instant receivedAt,
        String payload) {
}
