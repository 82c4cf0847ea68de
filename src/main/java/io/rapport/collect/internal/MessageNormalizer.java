package io.rapport.collect.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.rapport.collect.MessageType;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates one Segment message and brings it into the stored form: ids as strings, a {@code messageId},
 * {@code receivedAt}, a clock-skew corrected {@code timestamp}, the batch's context and integrations merged in,
 * and {@code context.ip} for client-side libraries. Rules follow Segment's HTTP tracking API spec.
 */
@Component
class MessageNormalizer {

    /** Libraries that run on the shopper's device, whose request IP is the shopper's. */
    private static final Set<String> CLIENT_LIBRARIES = Set.of("analytics.js", "analytics-next",
            "analytics-ios", "analytics-android", "analytics-react-native", "analytics-kotlin", "analytics-swift",
            "analytics-flutter");

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    sealed interface Outcome {
    }

    record Accepted(NewEvent event) implements Outcome {
    }

    record Rejected(@Nullable String field, String reason) implements Outcome {
    }

    private final JsonMapper json;

    MessageNormalizer(TrackingJson trackingJson) {
        this.json = trackingJson.mapper();
    }

    /**
     * @param pathType the type named by the path of a single-message call, or {@code null} in a batch, where
     *     each message names its own
     * @param clientPath whether the call came through an analytics.js path, which marks a client-side library
     */
    Outcome normalize(ObjectNode message, @Nullable MessageType pathType, Envelope envelope, boolean clientPath) {
        MessageType type = pathType;
        if (type == null) {
            JsonNode typeNode = message.get("type");
            if (typeNode == null || !typeNode.isString()) {
                return new Rejected("type", "Each message of a batch needs a type: track, identify, page, screen, "
                        + "group or alias.");
            }
            type = MessageType.fromWire(typeNode.stringValue()).orElse(null);
            if (type == null) {
                return new Rejected("type", "'" + abbreviate(typeNode.stringValue())
                        + "' is not a message type; use track, identify, page, screen, group or alias.");
            }
        }
        message.put("type", type.wireName());
        message.remove("writeKey");

        try {
            String userId = identifier(message, "userId", TrackingLimits.MAX_ID_LENGTH);
            String anonymousId = identifier(message, "anonymousId", TrackingLimits.MAX_ID_LENGTH);
            if (userId == null && anonymousId == null) {
                throw new Invalid("userId", "Every message needs a userId or an anonymousId.");
            }
            String event = null;
            if (type == MessageType.TRACK) {
                event = identifier(message, "event", TrackingLimits.MAX_EVENT_NAME_LENGTH);
                if (event == null) {
                    throw new Invalid("event", "A track call needs the name of the event, e.g. \"Order Completed\".");
                }
            }
            if (type == MessageType.ALIAS && identifier(message, "previousId", TrackingLimits.MAX_ID_LENGTH) == null) {
                throw new Invalid("previousId", "An alias call needs the previousId it links to the userId.");
            }
            if (type == MessageType.GROUP && identifier(message, "groupId", TrackingLimits.MAX_ID_LENGTH) == null) {
                throw new Invalid("groupId", "A group call needs the groupId of the account or company.");
            }
            String messageId = identifier(message, "messageId", TrackingLimits.MAX_MESSAGE_ID_LENGTH);
            if (messageId == null) {
                messageId = "rapport-" + UUID.randomUUID();
                message.put("messageId", messageId);
            }
            mergeEnvelope(message, envelope);
            Instant timestamp = correctedTimestamp(message, envelope);
            if (envelope.clientIp() != null && (clientPath || isClientLibrary(message))) {
                ObjectNode context = message.withObjectProperty("context");
                if (!context.has("ip")) {
                    context.put("ip", envelope.clientIp());
                }
            }
            message.put("receivedAt", envelope.receivedAt().toString());
            return new Accepted(new NewEvent(envelope.source(), messageId, type, event, userId, anonymousId,
                    timestamp, envelope.receivedAt(), json.writeValueAsString(message)));
        } catch (Invalid invalid) {
            return new Rejected(invalid.field, invalid.getMessage());
        }
    }

    /** Reads an id-like field: a non-blank string or a number, stored as a string. */
    private static @Nullable String identifier(ObjectNode message, String field, int maxLength) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue();
        } else if (node.isNumber()) {
            value = node.asString();
            message.put(field, value);
        } else {
            throw new Invalid(field, field + " must be a string or a number.");
        }
        if (value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new Invalid(field, field + " is " + value.length() + " characters long; at most " + maxLength
                    + " are allowed.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new Invalid(field, field + " must not contain NUL characters.");
        }
        return value;
    }

    /** A batch's top-level context and integrations apply to each message; the message's own values win. */
    private static void mergeEnvelope(ObjectNode message, Envelope envelope) {
        merge(message, "context", envelope.context());
        merge(message, "integrations", envelope.integrations());
    }

    private static void merge(ObjectNode message, String field, @Nullable ObjectNode shared) {
        JsonNode own = message.get(field);
        if (own != null && !own.isObject() && !own.isNull()) {
            throw new Invalid(field, field + " must be an object.");
        }
        if (shared == null || shared.isEmpty()) {
            return;
        }
        ObjectNode merged = shared.deepCopy();
        if (own instanceof ObjectNode ownObject) {
            deepMerge(merged, ownObject);
        }
        message.set(field, merged);
    }

    private static void deepMerge(ObjectNode target, ObjectNode overrides) {
        for (var entry : overrides.properties()) {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode override) {
                deepMerge(existingObject, override);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * Segment's clock-skew correction: the device clock may be wrong, but the time between its timestamp and
     * its sentAt is right, so {@code timestamp = receivedAt − (sentAt − originalTimestamp)}. Without both,
     * the message's timestamp stands, or the receipt time when it has none.
     */
    private static Instant correctedTimestamp(ObjectNode message, Envelope envelope) {
        Instant original = instant(message, "originalTimestamp");
        Instant timestamp = instant(message, "timestamp");
        if (original == null && timestamp != null) {
            original = timestamp;
            message.put("originalTimestamp", message.get("timestamp").stringValue());
        }
        Instant sentAt = instant(message, "sentAt");
        if (sentAt == null && envelope.sentAt() != null) {
            sentAt = envelope.sentAt();
            message.put("sentAt", sentAt.toString());
        }
        Instant corrected;
        if (original != null && sentAt != null) {
            corrected = envelope.receivedAt().minus(Duration.between(original, sentAt));
        } else {
            corrected = timestamp != null ? timestamp : envelope.receivedAt();
        }
        if (!inRange(corrected)) {
            throw new Invalid("timestamp", "The corrected timestamp " + corrected + " falls outside the years "
                    + "0001 to 9999; check the message's timestamp and sentAt.");
        }
        message.put("timestamp", corrected.toString());
        return corrected;
    }

    private static @Nullable Instant instant(ObjectNode message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new Invalid(field, field + " must be an ISO-8601 date-time string such as 2026-11-25T08:00:00Z.");
        }
        return parse(field, node.stringValue());
    }

    private static Instant parse(String field, String value) {
        return timestamp(value).orElseThrow(() -> new Invalid(field, timestampProblem(field, value)));
    }

    /**
     * A batch's top-level date-time, such as its {@code sentAt}.
     *
     * @throws ApiProblem naming the field when the value is not a storable ISO-8601 date-time
     */
    static Instant envelopeTimestamp(String field, String value) {
        return timestamp(value).orElseThrow(() -> ApiProblem.invalidField(field, timestampProblem(field, value)));
    }

    private static Optional<Instant> timestamp(String value) {
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            return inRange(instant) ? Optional.of(instant) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String timestampProblem(String field, String value) {
        return field + " '" + abbreviate(value) + "' is not an ISO-8601 date-time with a time zone in the years 0001 "
                + "to 9999, such as 2026-11-25T08:00:00.000Z.";
    }

    /** Both databases store these years; ISO-8601 allows far more. */
    private static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    private static boolean isClientLibrary(ObjectNode message) {
        JsonNode name = message.path("context").path("library").path("name");
        return name.isString() && CLIENT_LIBRARIES.contains(name.stringValue());
    }

    /** A value quoted in a reason: short, and without control characters (PostgreSQL refuses NUL in text). */
    private static String abbreviate(String value) {
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        return CONTROL.matcher(shown).replaceAll("\uFFFD");
    }

    /** A message field that breaks the spec; unwinds to a {@link Rejected}. */
    private static final class Invalid extends RuntimeException {

        private final String field;

        Invalid(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
