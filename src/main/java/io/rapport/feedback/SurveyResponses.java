package io.rapport.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Survey responses: answered by token from the widget, an email link or a QR code page, and read back with
 * filters. Every change publishes a {@link SurveyAnswered} in the transaction that stores it.
 */
public interface SurveyResponses {

    /** The longest free-text answer kept, in characters. */
    int MAX_TEXT_LENGTH = 5_000;

    /**
     * Some or all answers of one person.
     *
     * @param answers per question id (see {@link SurveyResponse#answers()}); questions left out keep their answers,
     *                a {@code null} or blank text leaves the question unanswered
     * @param locale the locale the person answered in, if the caller knows it
     * @param done the person finished, leaving the remaining questions unanswered: the response is complete
     */
    record Submission(Map<String, JsonNode> answers, @Nullable String locale, boolean done) {

        public Submission {
            answers = answers == null ? Map.of() : answers;
        }
    }

    /**
     * Stores the answers given with an invitation's token: the first call creates the response, later calls add
     * to it or change it, and a call that changes nothing changes nothing (no event, no count). The invitation must
     * have gone out (sent, shown or opened) within {@code rapport.feedback.answer-window}, and its survey must not be archived.
     */
    SurveyResponse answer(UUID token, Submission submission);

    Optional<SurveyResponse> find(UUID id);

    /** Filters of a newest-first listing of one survey's responses; each filter is optional. */
    record Query(Survey.Id survey, @Nullable Instant from, @Nullable Instant to, @Nullable Integer minScore,
            @Nullable Integer maxScore, @Nullable String channel, @Nullable Boolean complete, int limit,
            @Nullable String cursor) {
    }

    /** Responses newest first (by first answer), answered at or after {@code from} and before {@code to}. */
    Page<SurveyResponse> find(Query query);

    /** The longest span {@link #scoresPerDay} reads at once, in days: ten years. */
    int MAX_SCORE_DAYS = 3_660;

    /**
     * The scores of the survey's responses per UTC day of their first answer, from {@code from} to {@code to} (both
     * included), oldest first; days without a scored response are left out. Partial responses count once they have a
     * score. An {@link io.rapport.platform.ApiProblem} for an unknown survey or a span that is reversed or longer than
     * {@link #MAX_SCORE_DAYS}.
     */
    List<DailyScores> scoresPerDay(Survey.Id survey, LocalDate from, LocalDate to);
}
