package io.rapport.feedback;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One analysed text of the feedback inbox: a survey comment, a product review or another tracked feedback event.
 * Fields as in {@link FeedbackReceived}; {@code analysedAt} is when its language, sentiment and topics were last read.
 */
public record FeedbackItem(UUID id, String source, String sourceId, @Nullable String identifier,
        @Nullable UUID surveyId, @Nullable SurveyType surveyType, @Nullable Integer score, String text,
        TextAnalysis analysis, String channel, @Nullable String orderId, @Nullable String ticketId,
        Instant receivedAt, Instant analysedAt) {

    public static final String SURVEY = "survey";
    public static final String REVIEW = "review";
    public static final String EVENT = "event";

    /** The event that announces this item. */
    public FeedbackReceived received() {
        return new FeedbackReceived(id, source, sourceId, identifier, surveyId, surveyType, score, text, analysis,
                channel, orderId, ticketId, receivedAt);
    }
}
