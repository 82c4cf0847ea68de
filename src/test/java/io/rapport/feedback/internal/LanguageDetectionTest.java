package io.rapport.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.feedback.Sentiment;
import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.TextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectionTest {

    private final TextAnalyzer analyzer = new TextAnalytics();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | The parcel arrived two days late and the box was damaged, but support sent a replacement.
            en | I love these headphones, the sound is great
            pt | O produto chegou antes do prazo e veio muito bem embalado, recomendo a loja.
            pt | Ainda não recebi meu pedido e ninguém responde
            id | Barangnya sudah sampai dengan selamat, sesuai pesanan dan penjualnya ramah sekali.
            id | pengiriman lama bgt, barang blm sampai
            es | El pedido llegó a tiempo y la calidad es mejor de lo que esperaba.
            es | No funciona y nadie contesta mis correos
            de | Die Lieferung kam pünktlich, aber die Verpackung war leider beschädigt.
            de | Ich bin mit dem Kundenservice sehr zufrieden
            fr | La livraison a été rapide et le produit correspond parfaitement à la description.
            fr | Je n'ai toujours pas reçu ma commande
            ar | وصل الطلب في الموعد والمنتج ممتاز وأنصح بالتعامل مع هذا المتجر
            ar | المنتج سيء والتوصيل متأخر جدا
            """)
    void the_seven_languages_are_detected(String language, String text) {
        assertThat(analyzer.analyze(text).language()).isEqualTo(language);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pt | Ótimo!
            pt | recomendo
            id | mantap
            id | bagus banget
            es | Muy bueno
            de | sehr gut
            fr | très déçu
            ar | ممتاز
            en | awesome
            """)
    void a_short_text_goes_by_the_words_its_language_knows(String language, String text) {
        assertThat(analyzer.analyze(text).language()).isEqualTo(language);
    }

    @Test
    void the_hint_decides_a_text_too_short_to_tell() {
        assertThat(analyzer.analyze("ok", "pt").language()).isEqualTo("pt");
        assertThat(analyzer.analyze("ok", "de").language()).isEqualTo("de");
        assertThat(analyzer.analyze("top", "id").language()).isEqualTo("id");
    }

    @Test
    void the_hint_does_not_override_a_clear_detection() {
        TextAnalysis analysis = analyzer.analyze(
                "Die Lieferung kam pünktlich und der Kundenservice war sehr freundlich.", "pt");
        assertThat(analysis.language()).isEqualTo("de");
        assertThat(analysis.sentiment()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void a_hint_in_a_language_rapport_does_not_read_is_ignored() {
        assertThat(analyzer.analyze("Bom demais", "xx").language()).isEqualTo("pt");
    }

    @Test
    void another_language_is_named_but_not_analysed() {
        TextAnalysis italian = analyzer.analyze(
                "Il prodotto è arrivato in ritardo e la confezione era danneggiata, sono molto deluso.");
        assertThat(italian.language()).isEqualTo("it");
        assertThat(italian.sentiment()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(italian.score()).isZero();
        assertThat(italian.topics()).isEmpty();
    }

    @Test
    void a_text_without_letters_has_no_language_unless_hinted() {
        assertThat(analyzer.analyze("10/10 !!!").language()).isEqualTo("und");
        assertThat(analyzer.analyze("").language()).isEqualTo("und");
        TextAnalysis thumbsUp = analyzer.analyze("👍👍", "fr");
        assertThat(thumbsUp.language()).isEqualTo("fr");
        assertThat(thumbsUp.sentiment()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void only_the_first_characters_of_a_long_text_are_read() {
        String longText = "Produto excelente, recomendo. ".repeat(1_000) + "Péssimo, não recomendo, lixo! ".repeat(1_000);
        TextAnalysis analysis = analyzer.analyze(longText);
        assertThat(longText).hasSizeGreaterThan(2 * TextAnalyzer.MAX_TEXT_LENGTH);
        assertThat(analysis.language()).isEqualTo("pt");
        assertThat(analysis.sentiment()).isEqualTo(Sentiment.POSITIVE);
    }
}
