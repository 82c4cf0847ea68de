package io.rapport.collect.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.collect.FailedEvents;
import io.rapport.collect.MessageType;
import io.rapport.collect.Source;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a parsed tracking call apart: valid messages go to the appender, invalid ones are kept as failed
 * events with their reason. A batch is never all-or-nothing: its valid messages are stored.
 */
@Service
public class TrackingService {

    /** One message that was refused; {@code index} is its place in the batch (0 for a single call). */
    public record Rejection(int index, @Nullable String field, String reason) {
    }

    public record Result(int accepted, List<Rejection> rejected) {
    }

    private final MessageNormalizer normalizer;
    private final SourceRateLimiter rateLimiter;
    private final GroupCommitAppender appender;
    private final FailedEvents failedEvents;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Counter received;

    TrackingService(MessageNormalizer normalizer, SourceRateLimiter rateLimiter, GroupCommitAppender appender,
            FailedEvents failedEvents, TrackingJson trackingJson, MeterRegistry meters) {
        this.normalizer = normalizer;
        this.rateLimiter = rateLimiter;
        this.appender = appender;
        this.failedEvents = failedEvents;
        this.json = trackingJson.mapper();
        this.meters = meters;
        this.received = Counter.builder("rapport.events.received")
                .description("Messages received with a valid write key").register(meters);
    }

    /** Parses a body that must be one JSON object. */
    public ObjectNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("The body must be a JSON object, e.g. {\"userId\":\"u1\",\"event\":\"Signed Up\"}.");
        }
        return object;
    }

    /** A batch's {@code sentAt}, which applies to all of its messages. */
    public static Instant envelopeTimestamp(String sentAt) {
        return MessageNormalizer.envelopeTimestamp("sentAt", sentAt);
    }

    /**
     * One message sent to a single-call path such as {@code /v1/track}; the path decides its type.
     *
     * @throws SourceRateLimited when the source is over its limit; nothing of the call is stored
     */
    public Result single(ObjectNode message, MessageType type, Envelope envelope, boolean clientPath) {
        return store(List.of(message), type, envelope, clientPath);
    }

    /**
     * A {@code /v1/batch} or {@code /v1/import} body: its {@code batch} array, each message with its type.
     *
     * @throws SourceRateLimited when the source is over its limit; nothing of the call is stored
     */
    public Result batch(ObjectNode body, Envelope envelope, boolean clientPath) {
        JsonNode batch = body.get("batch");
        if (batch == null || !batch.isArray()) {
            throw ApiProblem.invalidField("batch", "A batch call needs a 'batch' array of messages.");
        }
        if (batch.size() > TrackingLimits.MAX_BATCH_MESSAGES) {
            throw ApiProblem.invalidField("batch", "The batch has " + batch.size() + " messages; at most "
                    + TrackingLimits.MAX_BATCH_MESSAGES + " are allowed per call.");
        }
        List<JsonNode> messages = new ArrayList<>(batch.size());
        batch.forEach(messages::add);
        return store(messages, null, envelope, clientPath);
    }

    private Result store(List<? extends JsonNode> messages, @Nullable MessageType type, Envelope envelope,
            boolean clientPath) {
        received.increment(messages.size());
        // Before any per-message work: a source over its limit costs little more than reading its call.
        rateLimiter.acquire(envelope.source(), messages.size());
        List<NewEvent> accepted = new ArrayList<>(messages.size());
        List<Rejection> rejected = new ArrayList<>();
        List<FailedEvents.Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            byte[] original = json.writeValueAsBytes(message);
            MessageNormalizer.Outcome outcome;
            if (!(message instanceof ObjectNode object)) {
                outcome = new MessageNormalizer.Rejected(null, "A message must be a JSON object.");
            } else if (original.length > TrackingLimits.MAX_MESSAGE_BYTES) {
                outcome = new MessageNormalizer.Rejected(null, "The message is " + original.length
                        + " bytes; one message may be at most " + TrackingLimits.MAX_MESSAGE_BYTES + " bytes (32 KB).");
            } else {
                outcome = normalizer.normalize(object, type, envelope, clientPath);
            }
            switch (outcome) {
                case MessageNormalizer.Accepted a -> accepted.add(a.event());
                case MessageNormalizer.Rejected r -> {
                    refusals.add(new FailedEvents.Refusal(r.field(), r.reason(),
                            new String(original, StandardCharsets.UTF_8)));
                    rejected.add(new Rejection(i, r.field(), r.reason()));
                    countRejected(r.field());
                }
            }
        }
        // Refusals are kept only once the call's valid messages are in: a call answered 429 or 503 is retried,
        // and its refusals would otherwise be kept twice.
        appender.append(accepted);
        failedEvents.record(envelope.source(), refusals);
        return new Result(accepted.size(), rejected);
    }

    /** Keeps a body that could not even be read as JSON, when its source is known from the header. */
    public void recordUnreadable(Source.Id source, String reason, byte[] body) {
        failedEvents.record(source, List.of(new FailedEvents.Refusal(null, reason,
                new String(body, StandardCharsets.UTF_8))));
        countRejected("body");
    }

    private void countRejected(@Nullable String field) {
        // The field names come from the normalizer's fixed set, so the tag's cardinality stays small.
        meters.counter("rapport.events.rejected", "field", field == null ? "message" : field).increment();
    }
}
