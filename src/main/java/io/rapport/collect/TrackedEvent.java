package io.rapport.collect;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message as stored in the event log. {@code seq} grows with every append; {@code timestamp} is when it
 * happened (clock-skew corrected), {@code receivedAt} when Rapport received it. {@code json} is the whole
 * normalized Segment message as stored: most consumers need only the columns, so it is parsed only on demand
 * ({@link #payload()}), and the API passes it through as {@code payload} without parsing it at all.
 */
public record TrackedEvent(long seq, Source.Id sourceId, String messageId, MessageType type, @Nullable String event,
        @Nullable String userId, @Nullable String anonymousId, Instant timestamp, Instant receivedAt,
        @JsonRawValue @JsonProperty("payload") String json) {

    /** The normalized message, parsed. */
    public ObjectNode payload() {
        return (ObjectNode) JsonMapper.shared().readTree(json);
    }
}
