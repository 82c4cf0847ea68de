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

    /**
     * What the message is about, in the words of its type: the event, the page or screen, the group … ; empty
     * when the message does not say. {@code payload} is this event's {@link #payload()}.
     */
    public String subject(ObjectNode payload) {
        return switch (type) {
            case TRACK -> text(event);
            case PAGE, SCREEN -> text(payload.path("name").asString(""));
            case GROUP -> text(payload.path("groupId").asString(""));
            case ALIAS -> text(payload.path("previousId").asString("")) + " → " + text(userId);
            case IDENTIFY -> payload.path("traits").isObject() ? payload.path("traits").size() + " traits" : "";
        };
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
