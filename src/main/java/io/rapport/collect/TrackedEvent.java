package io.rapport.collect;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message as stored in the event log. {@code seq} grows with every append; {@code timestamp} is when it
 * happened (clock-skew corrected), {@code receivedAt} when Rapport received it. {@code payload} is the whole
 * normalized Segment message.
 */
public record TrackedEvent(long seq, Source.Id sourceId, String messageId, MessageType type, @Nullable String event,
        @Nullable String userId, @Nullable String anonymousId, Instant timestamp, Instant receivedAt,
        ObjectNode payload) {
}
