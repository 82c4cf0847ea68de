package io.rapport.feedback;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A piece of free-text feedback was analysed and stored in the feedback inbox: a survey comment, a product review,
 * a tracked feedback event. Published inside the transaction that stores it, and again whenever it changes (a
 * response's comment edited, topics re-read after the topic rules changed), so listeners upsert by
 * {@code feedbackId}.
 *
 * @param feedbackId the inbox item's id
 * @param source what the text came from: {@code survey} (a response's comment), {@code review} (a
 *               {@code Product Reviewed} event) or {@code event} (another tracked feedback event)
 * @param sourceId the response id for {@code survey}, else the event's {@code sourceId/messageId}
 * @param identifier the encoded {@link io.rapport.customer.Identifier} of the author; {@code null} when anonymous
 * @param surveyId the survey of a {@code survey} item
 * @param score the survey score or the review's rating, on its own scale; {@code null} when there is none
 * @param analysis language, sentiment, score and topics of {@code text}
 * @param channel where the feedback was given ({@code web}, {@code email}, {@code store}, {@code app} …)
 * @param orderId the order it is about, if any
 */
public record FeedbackReceived(UUID feedbackId, String source, String sourceId, @Nullable String identifier,
        @Nullable UUID surveyId, @Nullable SurveyType surveyType, @Nullable Integer score, String text,
        TextAnalysis analysis, String channel, @Nullable String orderId, @Nullable String ticketId,
        Instant receivedAt) {
}
