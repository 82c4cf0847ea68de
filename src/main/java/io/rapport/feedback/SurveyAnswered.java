package io.rapport.feedback;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A survey response was stored or grew: published when its first answer arrives and again whenever it changes
 * (a score from an email link, then the reason from the page it opens), so listeners upsert by
 * {@code responseId}. Published inside the transaction that stores the response.
 *
 * @param identifier the encoded {@link io.rapport.customer.Identifier} of the person who answered
 *                   ({@code user:42}, {@code anon:…}, {@code email:…}); {@code null} when anonymous
 * @param score the answer to the score question, on the survey type's scale; {@code null} before it is answered
 * @param comment the free-text answer (the reason for the score), if any
 * @param channel where it was answered: {@code web}, {@code email}, {@code store}, {@code link}
 * @param orderId the order the survey asked about, if any
 * @param ticketId the help-desk ticket the survey asked about, if any
 * @param complete whether every question the shopper was shown has an answer
 */
public record SurveyAnswered(UUID responseId, UUID surveyId, SurveyType type, @Nullable String identifier,
        @Nullable Integer score, @Nullable String comment, @Nullable String locale, String channel,
        @Nullable String orderId, @Nullable String ticketId, Instant answeredAt, boolean complete) {
}
