package io.rapport.console;

import java.util.Locale;
import java.util.OptionalDouble;

import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreCounts;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.SurveyType;

/** The words and numbers a CX person reads for surveys: types, statuses, question kinds and scores. */
final class SurveyLabels {

    private SurveyLabels() {
    }

    static String type(SurveyType type) {
        return switch (type) {
            case NPS -> "NPS";
            case CSAT -> "CSAT";
            case CES -> "CES";
            case CUSTOM -> "Custom";
        };
    }

    static String status(SurveyStatus status) {
        return switch (status) {
            case DRAFT -> "Draft";
            case ACTIVE -> "Active";
            case PAUSED -> "Paused";
            case ARCHIVED -> "Archived";
        };
    }

    static String kind(Question.Kind kind) {
        return switch (kind) {
            case SCORE -> "Score (the survey's scale)";
            case REASON -> "Reason for the score (comment)";
            case RATING -> "Rating";
            case SINGLE_CHOICE -> "Single choice";
            case MULTIPLE_CHOICE -> "Multiple choice";
            case TEXT -> "Text";
        };
    }

    /** What the type's headline measures, e.g. "NPS" or "satisfied". */
    static String headlineName(SurveyType type) {
        return switch (type) {
            case NPS -> "NPS";
            case CSAT -> "CSAT (satisfied)";
            case CES -> "CES (mean)";
            case CUSTOM -> "mean score";
        };
    }

    /** The type's headline as people read it: NPS {@code +20}, CSAT {@code 75%}, CES {@code 5.3}; "–" for none. */
    static String headline(ScoreCounts counts) {
        OptionalDouble value = counts.headline();
        if (value.isEmpty()) {
            return "–";
        }
        return switch (counts.type()) {
            case NPS -> signed(Math.round(value.getAsDouble()));
            case CSAT -> percent(value);
            case CES, CUSTOM -> String.format(Locale.ROOT, "%.1f", value.getAsDouble());
        };
    }

    private static String signed(long nps) {
        return nps > 0 ? "+" + nps : Long.toString(nps);
    }

    /** {@code 42%}, or "–" for none. */
    static String percent(OptionalDouble share) {
        return share.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f%%", share.getAsDouble());
    }
}
