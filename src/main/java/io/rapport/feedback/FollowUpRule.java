package io.rapport.feedback;

import java.time.Duration;
import java.util.Optional;

import io.rapport.platform.Role;
import io.rapport.platform.User;
import org.jspecify.annotations.Nullable;

/**
 * When an unhappy customer gets a follow-up case, who owns it and by when it is due. There is one rule of each
 * {@link Kind}.
 *
 * @param maxScore for a survey kind: a score at or below it opens a case
 * @param maxSentimentScore for {@link Kind#SENTIMENT}: only a negative text scored at or below it opens a case;
 *                          {@code null}: every negative text
 * @param ownerUserId the owner of every new case; when {@code null}, {@code ownerRole}'s users take turns
 * @param ownerRole whose users take turns owning new cases (in the order of their emails); when both owner fields
 *                  are {@code null}, or nobody has the role, new cases have no owner
 * @param due how long after it opens a case is due
 */
public record FollowUpRule(Kind kind, boolean enabled, @Nullable Integer maxScore, @Nullable Double maxSentimentScore,
        User.@Nullable Id ownerUserId, @Nullable Role ownerRole, Duration due) {

    /** What a rule reads: a survey type's score, or the sentiment of a text. */
    public enum Kind {
        NPS, CSAT, CES, SENTIMENT
    }

    /** The kind of rule that reads the scores of surveys of this type; none for custom surveys. */
    public static Optional<Kind> kindOf(SurveyType type) {
        return switch (type) {
            case NPS -> Optional.of(Kind.NPS);
            case CSAT -> Optional.of(Kind.CSAT);
            case CES -> Optional.of(Kind.CES);
            case CUSTOM -> Optional.empty();
        };
    }

    /** The shortest and longest due times a rule may set. */
    public static final Duration MIN_DUE = Duration.ofHours(1);
    public static final Duration MAX_DUE = Duration.ofDays(90);

    /** Whether a survey score opens a case under this rule. */
    public boolean opensFor(int score) {
        return enabled && kind != Kind.SENTIMENT && maxScore != null && score <= maxScore;
    }

    /** Whether a text's analysis opens a case under this rule. */
    public boolean opensFor(TextAnalysis analysis) {
        return enabled && kind == Kind.SENTIMENT && analysis.sentiment() == Sentiment.NEGATIVE
                && (maxSentimentScore == null || analysis.score() <= maxSentimentScore);
    }
}
