package io.rapport.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * Which items of the feedback inbox to list, count or export; every part is optional. {@code from} is inclusive,
 * {@code to} exclusive; {@code q} finds items whose text contains it, in any case.
 */
public record FeedbackFilter(@Nullable String language, @Nullable Sentiment sentiment, @Nullable String topic,
        @Nullable String source, @Nullable UUID surveyId, @Nullable Instant from, @Nullable Instant to,
        @Nullable String q) {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final List<String> SOURCES = List.of(FeedbackItem.SURVEY, FeedbackItem.REVIEW, FeedbackItem.EVENT);

    public static final FeedbackFilter ALL = new FeedbackFilter(null, null, null, null, null, null, null, null);

    public FeedbackFilter {
        language = blankToNull(language);
        topic = blankToNull(topic);
        source = blankToNull(source);
        q = blankToNull(q);
        if (language != null && !language.matches("[a-z]{2,3}")) {
            throw ApiProblem.invalidField("language", "language is a primary language subtag such as en or pt, not '"
                    + language + "'.");
        }
        if (topic != null && topic.length() > TopicRule.MAX_LENGTH) {
            throw ApiProblem.invalidField("topic", "A topic has at most " + TopicRule.MAX_LENGTH + " characters.");
        }
        if (source != null && !SOURCES.contains(source)) {
            throw ApiProblem.invalidField("source", "source is one of " + SOURCES + ", not '" + source + "'.");
        }
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw ApiProblem.invalidField("q", "Search for at most " + MAX_QUERY_LENGTH + " characters.");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalidField("to", "to must come after from.");
        }
    }

    /** A sentiment as the API spells it ({@code negative}, {@code NEUTRAL} …); an unknown one is a problem. */
    public static @Nullable Sentiment sentiment(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Sentiment.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("sentiment", "sentiment is negative, neutral or positive, not '" + text
                    + "'.");
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
