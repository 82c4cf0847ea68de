package io.rapport.collect.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.rapport.collect.Source;
import io.rapport.collect.Sources;
import io.rapport.collect.internal.Envelope;
import io.rapport.collect.internal.IngestOverloaded;
import io.rapport.collect.internal.IngestUnavailable;
import io.rapport.collect.internal.SourceRateLimited;
import io.rapport.collect.internal.TrackingBody;
import io.rapport.collect.internal.TrackingLimits;
import io.rapport.collect.internal.TrackingService;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Segment-compatible tracking API: existing Segment libraries send here unchanged. */
@RestController
@Tag(name = "Tracking API", description = "Segment-compatible; see docs/tracking-api.md")
class TrackingController {

    private static final Logger log = LoggerFactory.getLogger(TrackingController.class);
    private static final Map<String, Object> SUCCESS = Map.of("success", true);

    private final TrackingService tracking;
    private final Sources sources;
    private final Clock clock;

    TrackingController(TrackingService tracking, Sources sources, Clock clock) {
        this.tracking = tracking;
        this.sources = sources;
        this.clock = clock;
    }

    @Operation(summary = "Send one message (track, identify, page, screen, group, alias) or a batch")
    @PostMapping({"/v1/{call}", "/v1/{call}/"})
    ResponseEntity<Map<String, Object>> receive(@PathVariable String call, HttpServletRequest request)
            throws IOException {
        TrackingCall.Match match = TrackingCall.of(call).orElseThrow(() -> ApiProblem.notFound("/v1/" + call
                + " is not a tracking path; use track, identify, page, screen, group, alias, batch or import."));
        // Segment timestamps carry milliseconds; so does receivedAt.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] body = TrackingBody.read(request, match.call().batch() ? TrackingLimits.MAX_BATCH_BYTES
                : TrackingLimits.MAX_MESSAGE_BYTES);
        String headerKey = basicAuthWriteKey(request);
        Source.Id source = headerKey == null ? null : authenticate(headerKey);
        ObjectNode root;
        try {
            root = tracking.parse(body);
        } catch (ApiProblem unreadable) {
            if (source != null) {
                tracking.recordUnreadable(source, Objects.requireNonNull(unreadable.getMessage()), body);
            }
            throw unreadable;
        }
        if (source == null) {
            JsonNode bodyKey = root.get("writeKey");
            source = authenticate(bodyKey != null && bodyKey.isString() ? bodyKey.stringValue() : null);
        }
        if (!match.call().batch()) {
            Envelope envelope = new Envelope(source, receivedAt, request.getRemoteAddr(), null, null, null);
            TrackingService.Result result = tracking.single(root, match.call().type(), envelope, match.clientPath());
            if (!result.rejected().isEmpty()) {
                TrackingService.Rejection rejection = result.rejected().getFirst();
                throw rejection.field() == null ? ApiProblem.badRequest(rejection.reason())
                        : ApiProblem.invalidField(rejection.field(), rejection.reason());
            }
            return success(SUCCESS);
        }
        Envelope envelope = new Envelope(source, receivedAt, request.getRemoteAddr(), object(root, "context"),
                object(root, "integrations"), sentAt(root));
        TrackingService.Result result = tracking.batch(root, envelope, match.clientPath());
        if (result.rejected().isEmpty()) {
            return success(SUCCESS);
        }
        Map<String, Object> answer = new LinkedHashMap<>(SUCCESS);
        answer.put("accepted", result.accepted());
        answer.put("rejected", result.rejected());
        return success(answer);
    }

    /** JSON whatever the Accept header says: the messages are committed, the answer must not fail now. */
    private static ResponseEntity<Map<String, Object>> success(Map<String, Object> body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(IngestOverloaded.class)
    ResponseEntity<ProblemDetail> overloaded(IngestOverloaded e) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, 1, e.getMessage() + " Retry after a second.");
    }

    @ExceptionHandler(SourceRateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(SourceRateLimited e) {
        ResponseEntity<ProblemDetail> answer = retryLater(HttpStatus.TOO_MANY_REQUESTS, e.retryAfterSeconds(),
                e.getMessage());
        ProblemDetail problem = Objects.requireNonNull(answer.getBody());
        problem.setTitle("Source rate limit exceeded");
        problem.setProperty("limit", e.limit());
        return answer;
    }

    @ExceptionHandler(IngestUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(IngestUnavailable e) {
        log.warn("Tracking call not stored: {}", e.getMessage(), e.getCause());
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 5, e.getMessage() + ". Nothing of this call was "
                + "acknowledged; retry it (already stored messages are not stored twice).");
    }

    private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, long seconds, String detail) {
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private Source.Id authenticate(@Nullable String writeKey) {
        if (writeKey == null || writeKey.isBlank()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Write key missing", "Send the source's write key as "
                    + "HTTP Basic user name (password empty) or as 'writeKey' in the body.", null);
        }
        return sources.authenticate(writeKey).orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED,
                "Unknown write key", "No source has this write key. Copy it from Sources in the Rapport console; "
                        + "after a rotation the old key works for 24 hours only.", null));
    }

    private static @Nullable String basicAuthWriteKey(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Malformed Authorization",
                    "The Basic credentials are not valid base64 of 'writeKey:'.", null);
        }
    }

    private static @Nullable ObjectNode object(ObjectNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ApiProblem.invalidField(field, field + " must be an object.");
    }

    private static @Nullable Instant sentAt(ObjectNode root) {
        JsonNode node = root.get("sentAt");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiProblem.invalidField("sentAt", "sentAt must be an ISO-8601 date-time string.");
        }
        return TrackingService.envelopeTimestamp(node.stringValue());
    }
}
