package io.rapport.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicRulesTest {

    private final TextAnalyzer analyzer = new TextAnalytics();

    @Test
    void every_language_has_default_rules_for_the_same_topics() {
        Map<String, Set<String>> topicsByLanguage = analyzer.defaultTopicRules().stream().collect(
                Collectors.groupingBy(TopicRule::language, Collectors.mapping(TopicRule::topic, Collectors.toSet())));
        assertThat(topicsByLanguage).containsOnlyKeys(TextAnalyzer.LANGUAGES);
        assertThat(topicsByLanguage.values()).allSatisfy(topics -> assertThat(topics).containsExactlyInAnyOrder(
                "delivery", "price", "quality", "support", "returns", "website", "packaging", "payment"));
        assertThat(analyzer.topicRules()).isEqualTo(analyzer.defaultTopicRules());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | The courier was late and I had to ask for a refund.                   | delivery returns
            en | Great price, but the customer service never replied to my email.       | price support
            pt | As entregas atrasaram e o atendimento não respondeu.                  | delivery support
            pt | Preço ótimo, mas a embalagem veio amassada.                           | price packaging
            id | Pengiriman cepat, tapi kualitas bahannya tipis.                        | delivery quality
            id | Sudah transfer tapi seller tidak balas chat.                           | support payment
            es | El envío tardó mucho y pedí un reembolso.                              | delivery returns
            de | Die Lieferung war schnell, aber die Verpackung war kaputt.             | delivery quality packaging
            fr | La livraison était rapide mais le service client ne répond pas.       | delivery support
            ar | التوصيل سريع لكن خدمة العملاء لا ترد                                   | delivery support
            """)
    void default_rules_find_the_topics_of_a_text(String language, String text, String topics) {
        assertThat(analyzer.analyze(text, language).topics())
                .containsExactlyInAnyOrder(topics.split(" "));
    }

    @Test
    void topics_come_in_the_order_of_the_rules() {
        assertThat(analyzer.analyze("Refund requested: the delivery was late.", "en").topics())
                .containsExactly("delivery", "returns");
    }

    @Test
    void keywords_match_whatever_the_case_accents_and_plural() {
        analyzer.useTopicRules(List.of(new TopicRule("pt", "delivery", List.of("entrega rápida"))));
        assertThat(analyzer.analyze("ENTREGAS RAPIDAS, adorei", "pt").topics()).containsExactly("delivery");
        assertThat(analyzer.analyze("Entrega demorou, nada rápida", "pt").topics()).isEmpty();
    }

    @Test
    void a_keyword_of_several_words_matches_only_its_words_next_to_each_other_in_one_clause() {
        analyzer.useTopicRules(List.of(new TopicRule("en", "delivery", List.of("on time"))));
        assertThat(analyzer.analyze("It arrived on time.", "en").topics()).containsExactly("delivery");
        assertThat(analyzer.analyze("I turned it on. Time will tell.", "en").topics()).isEmpty();
        assertThat(analyzer.analyze("Time is money, they say", "en").topics()).isEmpty();
    }

    @Test
    void rules_a_team_writes_replace_the_defaults_for_every_language() {
        List<TopicRule> rules = List.of(
                new TopicRule("en", "sizing", List.of("too small", "too big", "size")),
                new TopicRule("de", "sizing", List.of("zu klein", "größe")));
        analyzer.useTopicRules(rules);
        assertThat(analyzer.topicRules()).isEqualTo(rules);
        assertThat(analyzer.analyze("Shoes are too small and the delivery was slow", "en").topics())
                .containsExactly("sizing");
        assertThat(analyzer.analyze("Die Schuhe sind leider zu klein", "de").topics()).containsExactly("sizing");
        assertThat(analyzer.analyze("Sapato pequeno demais", "pt").topics()).isEmpty();
    }

    @Test
    void a_rule_of_a_language_rapport_does_not_read_or_without_words_is_refused() {
        assertThatThrownBy(() -> analyzer.useTopicRules(List.of(new TopicRule("it", "delivery", List.of("consegna")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("language it");
        assertThatThrownBy(() -> analyzer.useTopicRules(List.of(new TopicRule("en", "delivery", List.of("!!!")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no words");
        assertThatThrownBy(() -> new TopicRule("en", "delivery", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRule("English", "delivery", List.of("late")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRule("en", " ", List.of("late"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(analyzer.topicRules()).isEqualTo(analyzer.defaultTopicRules());
    }

    @Test
    void frequent_phrases_that_no_rule_covers_are_suggested_as_topics() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            texts.add("The zipper broke after a week, very disappointed");
            texts.add("Nice jacket but the zipper broke quickly");
        }
        for (int i = 0; i < 5; i++) {
            texts.add("The sleeves are too long for me");
            texts.add("Delivery was late again");
        }
        texts.add("Great colour");
        Collections.shuffle(texts, new Random(7));

        List<SuggestedTopic> suggestions = analyzer.suggestTopics(texts, "en", 3, 10);

        assertThat(suggestions).extracting(SuggestedTopic::phrase).startsWith("zipper").contains("sleeves", "jacket")
                .doesNotContain("delivery", "late", "disappointed", "broke", "nice jacket", "great colour", "colour");
        SuggestedTopic zipper = suggestions.getFirst();
        assertThat(zipper.documents()).isEqualTo(12);
        assertThat(zipper.share()).isEqualTo(12.0 / texts.size());
    }

    @Test
    void a_phrase_that_always_comes_in_a_longer_one_gives_way_to_it() {
        List<String> texts = List.of(
                "O prazo de entrega foi longo", "Prazos de entrega longos", "prazo de entrega",
                "Cor diferente", "Cor diferente da foto", "A cor é outra");
        analyzer.useTopicRules(List.of(new TopicRule("pt", "quality", List.of("qualidade"))));

        assertThat(analyzer.suggestTopics(texts, "pt", 2, 10)).extracting(SuggestedTopic::phrase)
                .containsExactly("prazo de entrega", "cor", "longo");
    }

    @Test
    void suggestions_have_limits() {
        assertThatThrownBy(() -> analyzer.suggestTopics(List.of("a"), "it", 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> analyzer.suggestTopics(List.of("a"), "en", 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> analyzer.suggestTopics(
                Collections.nCopies(TextAnalyzer.MAX_SUGGESTION_TEXTS + 1, "zipper"), "en", 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> texts = List.of("zipper", "zipper", "zipper", "sleeve", "sleeve", "hood");
        assertThat(analyzer.suggestTopics(texts, "en", 1, 2)).extracting(SuggestedTopic::phrase)
                .containsExactly("zipper", "sleeve");
    }
}
