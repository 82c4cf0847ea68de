package io.rapport.feedback.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.collect.Source;
import io.rapport.collect.Sources;
import io.rapport.feedback.InvitationStatus;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyOffer;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.Surveys;
import io.rapport.feedback.internal.WidgetRateLimited;
import io.rapport.feedback.internal.WidgetRateLimiter;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the survey widget ({@code /widget/survey.js}) calls from shop pages: whether there is a survey for this person
 * on this page, and the answers to it. Authenticated by the source's write key (public in the page, like
 * analytics.js's) and, for answers, by the token the offer gave; limited per IP address and per write key, and
 * CORS-limited to {@code rapport.feedback.allowed-origins}. See docs/surveys.md, "Web widget".
 */
@RestController
@RequestMapping("/public/surveys")
@Tag(name = "Survey widget", description = "Public endpoints of the web survey widget; see docs/surveys.md")
class WidgetController {

    /** The largest offer request read, in bytes: identifiers, a URL of up to 2,000 characters and a locale. */
    static final int MAX_OFFER_BYTES = 8 * 1024;
    /** The largest answer request read, in bytes: room for a few texts of 5,000 characters. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_ID_LENGTH = 200;
    private static final int MAX_URL_LENGTH = 2_000;
    private static final int MAX_LOCALE_LENGTH = 35;

    private final Sources sources;
    private final Surveys surveys;
    private final SurveyInvitations invitations;
    private final SurveyResponses responses;
    private final WidgetRateLimiter limiter;
    private final JsonMapper json;

    WidgetController(Sources sources, Surveys surveys, SurveyInvitations invitations, SurveyResponses responses,
            WidgetRateLimiter limiter, JsonMapper json) {
        this.sources = sources;
        this.surveys = surveys;
        this.invitations = invitations;
        this.responses = responses;
        this.limiter = limiter;
        this.json = json;
    }

    record OfferRequest(@Nullable String writeKey, @Nullable String anonymousId, @Nullable String userId,
            @Nullable String url, @Nullable String locale) {
    }

    record AnswerRequest(@Nullable String writeKey, @Nullable Map<String, JsonNode> answers,
            @Nullable String locale, @Nullable Boolean done) {
    }

    record Answered(UUID token, boolean complete) {
    }

    @PostMapping(path = "/offer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The survey to show this person on this page now (200 with token and form), or none (204)")
    ResponseEntity<SurveyOffer> offer(HttpServletRequest request) throws IOException {
        limiter.countIp(request.getRemoteAddr());
        OfferRequest offer = read(request, MAX_OFFER_BYTES, OfferRequest.class);
        limiter.countSource(authenticate(offer.writeKey()));
        List<String> identifiers = new ArrayList<>(2);
        if (present(offer.anonymousId(), "anonymousId", MAX_ID_LENGTH)) {
            identifiers.add("anon:" + offer.anonymousId());
        }
        if (present(offer.userId(), "userId", MAX_ID_LENGTH)) {
            identifiers.add("user:" + offer.userId());
        }
        if (identifiers.isEmpty()) {
            throw ApiProblem.invalidField("anonymousId", "Give the visitor's anonymousId, userId or both.");
        }
        if (!present(offer.url(), "url", MAX_URL_LENGTH)) {
            throw ApiProblem.invalidField("url", "Give the page's URL.");
        }
        present(offer.locale(), "locale", MAX_LOCALE_LENGTH);
        return surveys.offerFor(identifiers, offer.url(), offer.locale(), SurveyInvitations.WEB)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/responses/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store some or all answers given with an offer's token; repeating a submit changes nothing")
    Answered answer(@PathVariable String token, HttpServletRequest request) throws IOException {
        limiter.countIp(request.getRemoteAddr());
        AnswerRequest answer = read(request, MAX_ANSWER_BYTES, AnswerRequest.class);
        limiter.countSource(authenticate(answer.writeKey()));
        present(answer.locale(), "locale", MAX_LOCALE_LENGTH);
        UUID id = offeredToken(token);
        SurveyResponse response = responses.answer(id, new SurveyResponses.Submission(answer.answers(),
                answer.locale(), Boolean.TRUE.equals(answer.done())));
        return new Answered(id, response.complete());
    }

    /**
     * The token of an invitation the widget was given: one shown on the web. Email and link tokens are answered
     * through their own (signed) pages, never here; unknown and foreign tokens get the same answer.
     */
    private UUID offeredToken(String token) {
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw notOffered();
        }
        return invitations.find(id)
                .filter(invitation -> SurveyInvitations.WEB.equals(invitation.channel())
                        && invitation.status() == InvitationStatus.SHOWN)
                .map(invitation -> id)
                .orElseThrow(WidgetController::notOffered);
    }

    private static ApiProblem notOffered() {
        return ApiProblem.notFound("No survey was offered to the widget with this token.");
    }

    private Source.Id authenticate(@Nullable String writeKey) {
        if (writeKey == null || writeKey.isBlank()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Write key missing",
                    "Give the source's write key as writeKey (the script tag's data-write-key).", "writeKey");
        }
        return sources.authenticate(writeKey).orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED,
                "Unknown write key", "This write key belongs to no source (or was rotated out).", "writeKey"));
    }

    private static boolean present(@Nullable String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.length() > maxLength) {
            throw ApiProblem.invalidField(field, field + " is longer than " + maxLength + " characters.");
        }
        return true;
    }

    /** Reads at most {@code limit} bytes of JSON, refusing a larger body before it is all in memory. */
    private <T> T read(HttpServletRequest request, int limit, Class<T> type) throws IOException {
        byte[] body = request.getContentLengthLong() > limit ? null
                : request.getInputStream().readNBytes(limit + 1);
        if (body == null || body.length > limit) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Too large",
                    "The body is larger than " + limit / 1024 + " KB.", null);
        }
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("The body could not be read as the JSON this call expects: "
                    + e.getOriginalMessage());
        }
    }

    @ExceptionHandler(WidgetRateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(WidgetRateLimited e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Rate limit exceeded");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
