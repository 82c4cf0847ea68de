package io.rapport.feedback;

import java.util.List;

/**
 * What Rapport reads in one text.
 *
 * @param language BCP 47 primary language subtag of the text ({@code en}, {@code pt}, {@code id} …; {@code und}
 *                 when it has no letters to go by)
 * @param sentiment {@link Sentiment#NEUTRAL} when {@code score} lies within ±{@link #NEUTRAL_BAND}, or when the
 *                  language is not one Rapport reads sentiment in
 * @param score from −1 (very negative) to +1 (very positive)
 * @param topics the topics whose rules match the text, in the order of the rules
 */
public record TextAnalysis(String language, Sentiment sentiment, double score, List<String> topics) {

    /** Scores closer to 0 than this are neutral. */
    public static final double NEUTRAL_BAND = 0.2;

    public TextAnalysis {
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must lie in [-1, 1]: " + score);
        }
        topics = List.copyOf(topics);
    }

    /** The sentiment a score stands for. */
    public static Sentiment sentimentOf(double score) {
        return score >= NEUTRAL_BAND ? Sentiment.POSITIVE
                : score <= -NEUTRAL_BAND ? Sentiment.NEGATIVE
                : Sentiment.NEUTRAL;
    }
}
