package io.rapport.feedback;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A survey as one shopper sees it: every text in the one language chosen for their locale, with the display
 * logic (which wording and which questions for which score) left to apply as they answer.
 */
public record SurveyForm(Survey.Id surveyId, SurveyType type, String language, List<Item> questions,
        Appearance appearance) {

    /** A question in the chosen language; {@code scale} is set for score and rating questions. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(String id, Question.Kind kind, String text, List<Wording> variants,
            @Nullable ScoreRange showWhen, @Nullable ScoreRange scale, @Nullable String lowLabel,
            @Nullable String highLabel, List<Choice> options) {

        /** The wording for someone who gave this score (or none yet). */
        public String textFor(@Nullable Integer score) {
            if (score != null) {
                for (Wording variant : variants) {
                    if (variant.scores().contains(score)) {
                        return variant.text();
                    }
                }
            }
            return text;
        }
    }

    public record Wording(ScoreRange scores, String text) {
    }

    public record Choice(String id, String label) {
    }
}
