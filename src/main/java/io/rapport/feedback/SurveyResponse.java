package io.rapport.feedback;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The answers one person gave through one invitation (whose token is its {@code id}), kept however far they got.
 *
 * @param answers per question id: a number (score, rating), a string (text, reason, single choice) or an array of
 *                option ids (multiple choice)
 * @param comment the answer to the reason question (else to the first text question)
 * @param complete whether every question shown for the score has an answer, or the person said they were done
 * @param answeredAt when the first answer arrived
 */
public record SurveyResponse(UUID id, Survey.Id surveyId, SurveyType type, @Nullable String identifier,
        String channel, @Nullable String locale, @Nullable String orderId, @Nullable String ticketId,
        @Nullable Integer score, @Nullable String comment, Map<String, JsonNode> answers, boolean complete,
        Instant answeredAt, Instant updatedAt) {
}
