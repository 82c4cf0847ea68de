package io.rapport.feedback;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads free text: its language, its sentiment and the topics it is about; and proposes topics from what many
 * texts say. Sentiment and topics are read in English, Portuguese, Indonesian, Spanish, German, French and Arabic
 * ({@link #LANGUAGES}); a text in another language gets its language, a neutral sentiment and no topics.
 */
public interface TextAnalyzer {

    /** The languages whose sentiment and topics are read. */
    List<String> LANGUAGES = List.of("en", "pt", "id", "es", "de", "fr", "ar");

    /** Characters of a text that are read; the rest is ignored. */
    int MAX_TEXT_LENGTH = 10_000;

    /** Texts that one call of {@link #suggestTopics} reads at most. */
    int MAX_SUGGESTION_TEXTS = 50_000;

    /** Analyses a text whose language is not known beforehand. */
    default TextAnalysis analyze(String text) {
        return analyze(text, null);
    }

    /**
     * Analyses a text. {@code languageHint} is the language the text is expected in (the survey's or the shop's);
     * it decides for texts too short to tell ("ok", "Bom!") and between close candidates, never against a clear
     * detection.
     */
    TextAnalysis analyze(String text, @Nullable String languageHint);

    /** The topic rules in use, the defaults until {@link #useTopicRules} replaces them. */
    List<TopicRule> topicRules();

    /** The topic rules shipped with Rapport, for every language in {@link #LANGUAGES}. */
    List<TopicRule> defaultTopicRules();

    /** Replaces the topic rules in use by these (the whole set, all languages). */
    void useTopicRules(List<TopicRule> rules);

    /**
     * The phrases of one to three words that recur most in {@code texts} (all in {@code language}), leaving out
     * those that a topic rule in use already covers and those that are only sentiment ("very good") — the most
     * frequent first, at most {@code limit}. A phrase must occur in at least {@code minDocuments} texts.
     */
    List<SuggestedTopic> suggestTopics(List<String> texts, String language, int minDocuments, int limit);
}
