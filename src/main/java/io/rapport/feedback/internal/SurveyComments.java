package io.rapport.feedback.internal;

import java.util.List;

import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyAnswered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every survey comment into the feedback inbox, in the transaction that stores the response (a plain
 * listener of {@link SurveyAnswered}), read in the language the person answered in, else the survey's default.
 */
@Component
class SurveyComments {

    private final FeedbackItems items;
    private final SurveyStore surveys;

    SurveyComments(FeedbackItems items, SurveyStore surveys) {
        this.items = items;
        this.surveys = surveys;
    }

    @EventListener
    void on(SurveyAnswered answered) {
        if (answered.comment() == null || answered.comment().isBlank()) {
            return;
        }
        String hint = Languages.normalize(answered.locale()).map(Languages::language)
                .orElseGet(() -> Languages.language(surveys.get(new Survey.Id(answered.surveyId())).definition()
                        .defaultLanguage()));
        items.store(FeedbackItem.SURVEY, List.of(new NewFeedback(FeedbackItem.SURVEY,
                answered.responseId().toString(), answered.identifier(), answered.surveyId(), answered.type(),
                answered.score(), answered.comment(), hint, answered.channel(), answered.orderId(),
                answered.ticketId(), answered.answeredAt())));
    }
}
