package io.rapport.feedback.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * A language whose sentiment and topics Rapport reads, with the Lucene analysis that turns its words into terms:
 * lower case, the language's normalisation and light stemming, accents folded — so that "Ótimas", "otimo" and
 * "ótimo" meet on one term. Lexicons, topic keywords and texts all go through the same analysis.
 */
enum TextLanguage {

    ENGLISH("en", "eng", words -> new ASCIIFoldingFilter(new KStemFilter(new EnglishPossessiveFilter(words))),
            snowballStopWords("english_stop.txt")),
    PORTUGUESE("pt", "por", words -> new ASCIIFoldingFilter(new PortugueseLightStemFilter(words)),
            PortugueseAnalyzer.getDefaultStopSet()),
    INDONESIAN("id", "ind", IndonesianStemFilter::new, IndonesianAnalyzer.getDefaultStopSet()),
    SPANISH("es", "spa", words -> new ASCIIFoldingFilter(new SpanishLightStemFilter(words)),
            SpanishAnalyzer.getDefaultStopSet()),
    GERMAN("de", "deu", words -> new GermanLightStemFilter(new GermanNormalizationFilter(words)),
            GermanAnalyzer.getDefaultStopSet()),
    FRENCH("fr", "fra", words -> new ASCIIFoldingFilter(new FrenchLightStemFilter(
            new ElisionFilter(words, FrenchAnalyzer.DEFAULT_ARTICLES))), FrenchAnalyzer.getDefaultStopSet()),
    ARABIC("ar", "ara", words -> new ArabicStemFilter(new ArabicNormalizationFilter(words)),
            ArabicAnalyzer.getDefaultStopSet());

    /** Lower-cased words, no language's analysis: for looking words up in stop word lists. */
    static final Analyzer WORDS = analyzer(UnaryOperator.identity());

    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");

    /** BCP 47 primary subtag. */
    final String code;
    /** ISO 639-3 code, as the language detector names it. */
    final String iso3;
    /** Every word a term; for sentiment and topic keywords, where "not" and "on time" matter. */
    final Analyzer terms;
    /** Lucene's stop words of the language (lower case): not topics, and what tells close languages apart. */
    final CharArraySet stopWords;

    TextLanguage(String code, String iso3, UnaryOperator<TokenStream> normalization, CharArraySet stopWords) {
        this.code = code;
        this.iso3 = iso3;
        this.terms = analyzer(normalization);
        this.stopWords = stopWords;
    }

    static Optional<TextLanguage> of(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }

    static Optional<TextLanguage> ofIso3(String iso3) {
        return Arrays.stream(values()).filter(language -> language.iso3.equals(iso3)).findFirst();
    }

    private static Analyzer analyzer(UnaryOperator<TokenStream> normalization) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                // "Sooo goood", "bagusss", "جمييييل": a letter written three times or more counts once.
                TokenStream words = new PatternReplaceFilter(new LowerCaseFilter(tokenizer), REPEATS, "$1", true);
                return new TokenStreamComponents(tokenizer, normalization.apply(words));
            }
        };
    }

    /** Snowball's English stop words: Lucene's default English set has only 33 words. */
    private static CharArraySet snowballStopWords(String file) {
        try (var reader = new InputStreamReader(SnowballFilter.class.getResourceAsStream(file), StandardCharsets.UTF_8)) {
            return WordlistLoader.getSnowballWordSet(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
