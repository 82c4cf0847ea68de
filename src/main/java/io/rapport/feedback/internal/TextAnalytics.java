package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.Sentiment;
import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.internal.LanguageDetection.Detected;
import io.rapport.feedback.internal.Terms.Term;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Rapport's text analysis: OpenNLP's language detector, then for the languages Rapport reads their Lucene
 * analysis, a trained sentiment model where one ships (else the language's lexicon), and the topic rules.
 */
@Service
class TextAnalytics implements TextAnalyzer {

    /**
     * The detector, lexicons, models and default topic rules: immutable, shared, and loaded on first use (about two
     * seconds, mostly the detector's 10 MB model) rather than with every application context.
     */
    private static final class Loaded {

        static final Map<TextLanguage, SentimentLexicon> LEXICONS = new EnumMap<>(TextLanguage.class);
        static final Map<TextLanguage, SentimentModel> MODELS = new EnumMap<>(TextLanguage.class);

        static {
            for (TextLanguage language : TextLanguage.values()) {
                SentimentLexicon lexicon = SentimentLexicon.of(language);
                LEXICONS.put(language, lexicon);
                SentimentModel.of(language, lexicon).ifPresent(model -> MODELS.put(language, model));
            }
        }

        static final LanguageDetection DETECTION = new LanguageDetection(Loaded::knownWords);
        static final TopicMatcher DEFAULT_RULES = new TopicMatcher(
                Arrays.stream(TextLanguage.values()).flatMap(l -> readRules(l).stream()).toList());

        /** The stop words and sentiment words of a language in a text: what tells close languages apart. */
        private static int knownWords(TextLanguage language, String text) {
            SentimentLexicon lexicon = LEXICONS.get(language);
            int sentiment = (int) Terms.of(language.terms, text).stream().filter(t -> lexicon.isSentiment(t.text()))
                    .count();
            int stop = (int) Terms.of(TextLanguage.WORDS, text).stream()
                    .filter(t -> language.stopWords.contains(t.text())).count();
            return sentiment + stop;
        }
    }

    /** The rules in use; null for the defaults. */
    private volatile @Nullable TopicMatcher rules;

    @Override
    public TextAnalysis analyze(String text, @Nullable String languageHint) {
        String read = readable(text);
        Detected detected = Loaded.DETECTION.detect(read, LanguageDetection.language(languageHint).orElse(null));
        TextLanguage language = detected.language();
        if (language == null) {
            return new TextAnalysis(detected.code(), Sentiment.NEUTRAL, 0, List.of());
        }
        List<Term> terms = Terms.of(language.terms, read);
        double score = Math.round(sentiment(language, terms) * 1000) / 1000.0;
        return new TextAnalysis(language.code, TextAnalysis.sentimentOf(score), score, rules().topics(language, terms));
    }

    /** The sentiment score of a text's terms: the language's trained model where one ships, else its lexicon. */
    double sentiment(TextLanguage language, List<Term> terms) {
        if (terms.isEmpty()) {
            return 0;
        }
        SentimentModel model = Loaded.MODELS.get(language);
        return model != null ? model.score(terms) : Loaded.LEXICONS.get(language).read(terms).score();
    }

    SentimentLexicon lexicon(TextLanguage language) {
        return Loaded.LEXICONS.get(language);
    }

    Optional<SentimentModel> model(TextLanguage language) {
        return Optional.ofNullable(Loaded.MODELS.get(language));
    }

    private TopicMatcher rules() {
        TopicMatcher inUse = rules;
        return inUse != null ? inUse : Loaded.DEFAULT_RULES;
    }

    @Override
    public List<TopicRule> topicRules() {
        return rules().rules();
    }

    @Override
    public List<TopicRule> defaultTopicRules() {
        return Loaded.DEFAULT_RULES.rules();
    }

    @Override
    public void useTopicRules(List<TopicRule> rules) {
        this.rules = new TopicMatcher(rules);
    }

    @Override
    public List<SuggestedTopic> suggestTopics(List<String> texts, String language, int minDocuments, int limit) {
        TextLanguage lang = TextLanguage.of(language).orElseThrow(() -> new IllegalArgumentException(
                "Rapport suggests topics in " + LANGUAGES + ", not in " + language));
        if (texts.size() > MAX_SUGGESTION_TEXTS) {
            throw new IllegalArgumentException("At most " + MAX_SUGGESTION_TEXTS + " texts, not " + texts.size());
        }
        if (minDocuments < 1 || limit < 1) {
            throw new IllegalArgumentException("minDocuments and limit must be at least 1");
        }
        List<String> readable = texts.stream().map(TextAnalytics::readable).toList();
        return TopicSuggestions.suggest(readable, lang, rules(), Loaded.LEXICONS.get(lang), minDocuments, limit);
    }

    /** The first {@link #MAX_TEXT_LENGTH} characters, not cutting a character in two. */
    private static String readable(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_LENGTH - 1)) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
        return text.substring(0, end);
    }

    /** The default rules of a language: {@code topics/<code>.topics}, lines of "topic: keyword, keyword". */
    private static List<TopicRule> readRules(TextLanguage language) {
        String resource = "topics/" + language.code + ".topics";
        List<TopicRule> rules = new ArrayList<>();
        for (String line : Resources.lines(resource)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(resource + ": not 'topic: keyword, keyword': " + line);
            }
            List<String> keywords = Arrays.stream(line.substring(colon + 1).split(","))
                    .map(String::strip).filter(k -> !k.isEmpty()).toList();
            rules.add(new TopicRule(language.code, line.substring(0, colon).strip(), keywords));
        }
        return rules;
    }
}
