package io.rapport.collect;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message as stored in the event log. {@code seq} grows with every append; {@code timestamp} is when it
 * happened (clock-skew corrected), {@code receivedAt} when Rapport received it. {@code json} is the whole
 * normalized Segment message as stored: most consumers need only the columns, so it is parsed only on demand
 * ({@link #payload()}), once however many consumers of a batch ask, and the API passes it through as
 * {@code payload} without parsing it at all.
 */
public final class TrackedEvent {

    private final long seq;
    private final Source.Id sourceId;
    private final String messageId;
    private final MessageType type;
    private final @Nullable String event;
    private final @Nullable String userId;
    private final @Nullable String anonymousId;
    private final Instant timestamp;
    private final Instant receivedAt;
    private final String json;
    private volatile @Nullable ObjectNode parsed;

    public TrackedEvent(long seq, Source.Id sourceId, String messageId, MessageType type, @Nullable String event,
            @Nullable String userId, @Nullable String anonymousId, Instant timestamp, Instant receivedAt, String json) {
        this.seq = seq;
        this.sourceId = sourceId;
        this.messageId = messageId;
        this.type = type;
        this.event = event;
        this.userId = userId;
        this.anonymousId = anonymousId;
        this.timestamp = timestamp;
        this.receivedAt = receivedAt;
        this.json = json;
    }

    @JsonProperty
    public long seq() {
        return seq;
    }

    @JsonProperty
    public Source.Id sourceId() {
        return sourceId;
    }

    @JsonProperty
    public String messageId() {
        return messageId;
    }

    @JsonProperty
    public MessageType type() {
        return type;
    }

    @JsonProperty
    public @Nullable String event() {
        return event;
    }

    @JsonProperty
    public @Nullable String userId() {
        return userId;
    }

    @JsonProperty
    public @Nullable String anonymousId() {
        return anonymousId;
    }

    @JsonProperty
    public Instant timestamp() {
        return timestamp;
    }

    @JsonProperty
    public Instant receivedAt() {
        return receivedAt;
    }

    @JsonRawValue
    @JsonProperty("payload")
    public String json() {
        return json;
    }

    /**
     * The normalized message, parsed on the first call. Every consumer of a batch is handed the same tree:
     * read it, never change it.
     */
    public ObjectNode payload() {
        ObjectNode tree = parsed;
        if (tree == null) {
            tree = (ObjectNode) JsonMapper.shared().readTree(json);
            parsed = tree;
        }
        return tree;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrackedEvent that && seq == that.seq && sourceId.equals(that.sourceId)
                && messageId.equals(that.messageId) && type == that.type && Objects.equals(event, that.event)
                && Objects.equals(userId, that.userId) && Objects.equals(anonymousId, that.anonymousId)
                && timestamp.equals(that.timestamp) && receivedAt.equals(that.receivedAt) && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, sourceId, messageId);
    }

    @Override
    public String toString() {
        return "TrackedEvent[seq=" + seq + ", type=" + type + ", event=" + event + ", messageId=" + messageId + "]";
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
