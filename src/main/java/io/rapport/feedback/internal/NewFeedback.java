package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.UUID;

import io.rapport.feedback.SurveyType;
import org.jspecify.annotations.Nullable;

/**
 * A text to put in the feedback inbox, before it is analysed; {@code languageHint} is the language it is expected
 * in (the survey's or the event's locale).
 */
record NewFeedback(String source, String sourceId, @Nullable String identifier, @Nullable UUID surveyId,
        @Nullable SurveyType surveyType, @Nullable Integer score, String text, @Nullable String languageHint,
        String channel, @Nullable String orderId, @Nullable String ticketId, Instant receivedAt) {
}
