package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.jspecify.annotations.Nullable;

/**
 * The language of a text, from Apache OpenNLP's language detector (the {@code langdetect-183.bin} model of
 * {@code opennlp-models-langdetect}: 103 languages, character n-grams, trained on the Leipzig corpora), adapted to
 * the short, informal texts of shop reviews:
 *
 * <ul>
 * <li>A close relative as the detector's first choice counts for the language Rapport reads: Galician for
 * Portuguese, Sundanese, Javanese, Minangkabau and Malay for Indonesian, Asturian for Spanish, Low German,
 * Luxembourgish and Swiss German for German — informal Indonesian is often taken for Sundanese, short
 * Portuguese for Galician.</li>
 * <li>Another language is named only when the text has {@link #SHORT_TEXT} letters or more and that language
 * is clearly ahead ({@link #MARGIN} times the best of Rapport's).</li>
 * <li>Between Rapport's languages that the detector finds close (within {@link #MARGIN}; for a short text, all
 * of them), the hint decides if it is one of them, else the one that knows more of the words (its stop words
 * and sentiment words), else the detector.</li>
 * </ul>
 */
final class LanguageDetection {

    /** Letters below which a text is too short for character statistics alone. */
    static final int SHORT_TEXT = 20;
    /** How far ahead of another a language must be to be clearly ahead. */
    static final double MARGIN = 1.5;

    private static final Map<String, TextLanguage> RELATIVES = Map.of(
            "glg", TextLanguage.PORTUGUESE,
            "sun", TextLanguage.INDONESIAN, "jav", TextLanguage.INDONESIAN, "min", TextLanguage.INDONESIAN,
            "msa", TextLanguage.INDONESIAN,
            "ast", TextLanguage.SPANISH,
            "nds", TextLanguage.GERMAN, "ltz", TextLanguage.GERMAN, "gsw", TextLanguage.GERMAN);
    private static final Map<String, String> TWO_LETTER_CODES = twoLetterCodes();

    /** What was detected: one of Rapport's languages, or the code of another. */
    record Detected(@Nullable TextLanguage language, String code) {

        static Detected of(TextLanguage language) {
            return new Detected(language, language.code);
        }
    }

    /** How many words of a text a language knows. */
    interface Vocabulary {
        int knownWords(TextLanguage language, String text);
    }

    private final LanguageDetectorModel model;
    private final Vocabulary vocabulary;

    LanguageDetection(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        try (InputStream in = LanguageDetectorModel.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException("langdetect-183.bin is not on the class path "
                        + "(org.apache.opennlp:opennlp-models-langdetect)");
            }
            this.model = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Detected detect(String text, @Nullable TextLanguage hint) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters == 0) {
            return hint != null ? Detected.of(hint) : new Detected(null, "und");
        }
        // A detector per call: it is cheap, and LanguageDetectorME is not documented as thread-safe.
        Language[] predictions = new LanguageDetectorME(model).predictLanguages(text);
        Map<TextLanguage, Double> confidence = new EnumMap<>(TextLanguage.class);
        Language other = null;
        for (Language prediction : predictions) {
            Optional<TextLanguage> ours = TextLanguage.ofIso3(prediction.getLang());
            if (ours.isPresent()) {
                confidence.put(ours.get(), prediction.getConfidence());
            } else if (other == null) {
                other = prediction;
            }
        }
        TextLanguage relative = RELATIVES.get(predictions[0].getLang());
        if (relative != null) { // the detector's first choice is a close relative: it speaks for that language
            confidence.merge(relative, predictions[0].getConfidence(), Math::max);
            other = null;
        }
        double best = confidence.values().stream().max(Double::compare).orElseThrow();
        boolean shortText = letters < SHORT_TEXT;
        if (!shortText && other != null && other.getConfidence() >= MARGIN * best) {
            return new Detected(null, TWO_LETTER_CODES.getOrDefault(other.getLang(), other.getLang()));
        }
        List<TextLanguage> close = confidence.entrySet().stream()
                .filter(e -> shortText || MARGIN * e.getValue() >= best)
                .sorted(Map.Entry.<TextLanguage, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        if (close.size() == 1) {
            return Detected.of(close.getFirst());
        }
        if (hint != null && close.contains(hint)) {
            return Detected.of(hint);
        }
        // Most known words first; among equals the detector's order (the list is sorted by confidence).
        return Detected.of(close.stream()
                .max(Comparator.comparingInt((TextLanguage l) -> vocabulary.knownWords(l, text))
                        .thenComparing(l -> -close.indexOf(l)))
                .orElseThrow());
    }

    static Optional<TextLanguage> language(@Nullable String code) {
        return code == null ? Optional.empty() : TextLanguage.of(code.strip().toLowerCase(Locale.ROOT));
    }

    /** ISO 639-3 → ISO 639-1 where the language has a two-letter code (BCP 47 prefers it). */
    private static Map<String, String> twoLetterCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String code : Locale.getISOLanguages()) {
            codes.put(Locale.of(code).getISO3Language(), code);
        }
        codes.put("zlm", "ms"); // the detector names some macrolanguages by a member
        codes.put("cmn", "zh");
        codes.put("pes", "fa");
        codes.put("ekk", "et");
        codes.put("lvs", "lv");
        return Map.copyOf(codes);
    }
}
