package io.rapport.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.feedback.Sentiment;
import io.rapport.feedback.TextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the lexicons read: rules first, then sentences in the languages that no labelled set here covers. */
class SentimentLexiconTest {

    private final TextAnalytics analytics = new TextAnalytics();

    private double score(TextLanguage language, String text) {
        return analytics.lexicon(language).read(Terms.of(language.terms, text)).score();
    }

    private double plain(TextLanguage language, String text) {
        return analytics.lexicon(language).plainScore(Terms.of(language.terms, text));
    }

    @Test
    void a_negator_turns_the_words_after_it_and_the_plain_baseline_misses_it() {
        assertThat(score(TextLanguage.PORTUGUESE, "Não gostei do produto")).isNegative();
        assertThat(plain(TextLanguage.PORTUGUESE, "Não gostei do produto")).isPositive();
        assertThat(score(TextLanguage.ENGLISH, "It is not good at all")).isNegative();
        assertThat(score(TextLanguage.INDONESIAN, "barangnya tidak bagus")).isNegative();
        assertThat(score(TextLanguage.PORTUGUESE, "sem nenhum problema")).isPositive();
    }

    @Test
    void negation_ends_with_the_clause() {
        assertThat(score(TextLanguage.ENGLISH, "Not cheap, but excellent")).isPositive();
        assertThat(score(TextLanguage.ENGLISH, "Not cheap but excellent")).isPositive();
        assertThat(score(TextLanguage.PORTUGUESE, "Não era o que eu queria. Excelente atendimento")).isPositive();
    }

    @Test
    void german_negation_also_follows_the_verb() {
        assertThat(score(TextLanguage.GERMAN, "Das Gerät gefällt mir nicht")).isNegative();
        assertThat(score(TextLanguage.GERMAN, "Das Gerät gefällt mir")).isPositive();
    }

    @Test
    void after_but_counts_more_than_before() {
        assertThat(score(TextLanguage.ENGLISH, "The case looks nice but it broke within a week")).isNegative();
        assertThat(score(TextLanguage.PORTUGUESE, "Demorou um pouco, mas o produto é excelente")).isPositive();
    }

    @Test
    void a_phrase_wins_over_its_words() {
        assertThat(score(TextLanguage.PORTUGUESE, "nada a reclamar")).isPositive();
        assertThat(score(TextLanguage.ENGLISH, "a total waste of money")).isLessThan(-0.5);
        assertThat(score(TextLanguage.INDONESIAN, "belum sampai juga")).isNegative();
    }

    @Test
    void a_booster_strengthens_and_repeated_letters_count_once() {
        assertThat(score(TextLanguage.PORTUGUESE, "muito bom")).isGreaterThan(score(TextLanguage.PORTUGUESE, "bom"));
        assertThat(score(TextLanguage.INDONESIAN, "bagusss")).isEqualTo(score(TextLanguage.INDONESIAN, "bagus"));
    }

    @Test
    void a_text_without_sentiment_words_is_neutral() {
        assertThat(analytics.analyze("The parcel contained two boxes and a manual.", "en").sentiment())
                .isEqualTo(Sentiment.NEUTRAL);
        assertThat(analytics.analyze("Comprei para o meu filho.", "pt").sentiment()).isEqualTo(Sentiment.NEUTRAL);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            es | POSITIVE | Muy buen producto, llegó antes de lo previsto. Lo recomiendo.
            es | POSITIVE | Perfecto, tal como se describe y bien embalado
            es | NEGATIVE | No funciona, pésima calidad y el vendedor no responde
            es | NEGATIVE | Llegó roto y todavía no me han devuelto el dinero, una estafa
            es | NEGATIVE | No me gustó nada, una decepción
            de | POSITIVE | Sehr schnelle Lieferung, alles bestens, gerne wieder
            de | POSITIVE | Tolles Produkt, einwandfreie Qualität, absolut empfehlenswert
            de | NEGATIVE | Leider kaputt angekommen und der Kundenservice antwortet nicht
            de | NEGATIVE | Nicht zu empfehlen, schlechte Qualität
            de | NEGATIVE | Das Paket ist nie angekommen, sehr enttäuscht
            fr | POSITIVE | Très bon produit, livraison rapide, je recommande
            fr | POSITIVE | Parfait, conforme à la description
            fr | NEGATIVE | Je ne suis pas satisfait, le produit est arrivé cassé
            fr | NEGATIVE | Colis jamais reçu, service client nul
            fr | NEGATIVE | Très déçu, mauvaise qualité
            ar | POSITIVE | منتج رائع وجودة ممتازة انصح به
            ar | NEGATIVE | لم يصل الطلب حتى الان وخدمة العملاء سيئة
            en | POSITIVE | Arrived on time and works perfectly, would buy again
            en | NEGATIVE | Never arrived and nobody answers my emails
            pt | NEGATIVE | O produto veio com defeito e ninguém responde
            id | POSITIVE | barang sesuai pesanan, pengiriman cepat, mantap
            """)
    void everyday_reviews_get_their_obvious_sentiment(String language, Sentiment expected, String text) {
        TextAnalyzer analyzer = analytics;
        assertThat(analyzer.analyze(text, language).sentiment()).isEqualTo(expected);
    }
}
