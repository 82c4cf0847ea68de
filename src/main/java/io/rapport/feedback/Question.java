package io.rapport.feedback;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One question of a survey. Which of the optional parts a question has depends on its {@link Kind}; texts are
 * given in every language of the survey.
 *
 * @param id the question's key in the answers; keep it when editing, answers are stored by it
 * @param text the question; a {@code score} or {@code reason} question without text gets the type's standard
 *             wording (in the languages Rapport has it for)
 * @param variants other wordings for some scores, e.g. for detractors and promoters; the first that holds the
 *                 score wins, else {@code text}
 * @param showWhen the question is shown only once the score question is answered within this range
 * @param scale a {@code rating}'s scale (1–5 unless given); on a {@code score} question it must be the type's
 * @param lowLabel what the lowest score means ("Not at all likely"); {@code score} and {@code rating} only
 * @param highLabel what the highest score means ("Extremely likely")
 * @param options the choices of a {@code single_choice} or {@code multiple_choice} question
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Question(String id, Kind kind, @Nullable Texts text, List<Variant> variants,
        @Nullable ScoreRange showWhen, @Nullable ScoreRange scale, @Nullable Texts lowLabel, @Nullable Texts highLabel,
        List<Option> options) {

    public enum Kind {
        /** The survey's score on its type's scale (NPS 0–10, CSAT 1–5, CES 1–7; CUSTOM 1–5). */
        SCORE,
        /** Free text asking for the reason of the score; its answer is the response's comment. */
        REASON,
        /** Another rating, on its own scale. */
        RATING,
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        /** Free text. */
        TEXT;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A wording of the question for the scores in {@code scores}. */
    public record Variant(ScoreRange scores, Texts text) {
    }

    /** A choice: {@code id} is what the answer holds, {@code label} what the shopper reads. */
    public record Option(String id, Texts label) {
    }

    /** Lists left out of the JSON are empty. */
    public Question {
        variants = variants == null ? List.of() : List.copyOf(variants);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** Whether the question is shown to someone who gave this score (or none yet). */
    public boolean shownFor(@Nullable Integer score) {
        return showWhen == null || score != null && showWhen.contains(score);
    }
}
