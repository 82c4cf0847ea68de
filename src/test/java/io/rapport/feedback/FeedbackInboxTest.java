package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.SurveyTestConfiguration.ReceivedFeedback;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The feedback inbox: survey comments and tracked reviews analysed, stored once, listed with filters and pages. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class FeedbackInboxTest extends SurveyTestSupport {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    ReceivedFeedback feedback;

    @Autowired
    FollowUpCases followUps;

    @Test
    void a_survey_comment_lands_analysed_and_an_edit_updates_it_without_a_duplicate() {
        Survey.Id survey = api.createActive(SurveyApi.nps(""));
        String person = "user:inbox-" + UUID.randomUUID();
        Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, person, "pt-BR", "order-77", null);

        responses.answer(invitation.token(), submission(3, "A entrega atrasou e ninguém responde"));

        JsonNode items = api.get("/api/v1/feedback?surveyId=" + survey).json().get("items");
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0);
        assertThat(item.get("source").stringValue()).isEqualTo("survey");
        assertThat(item.get("sourceId").stringValue()).isEqualTo(invitation.token().toString());
        assertThat(item.get("identifier").stringValue()).isEqualTo(person);
        assertThat(item.get("surveyType").stringValue()).isEqualTo("NPS");
        assertThat(item.get("score").asInt()).isEqualTo(3);
        assertThat(item.get("channel").stringValue()).isEqualTo("link");
        assertThat(item.get("orderId").stringValue()).isEqualTo("order-77");
        JsonNode analysis = item.get("analysis");
        assertThat(analysis.get("language").stringValue()).isEqualTo("pt");
        assertThat(analysis.get("sentiment").stringValue()).isEqualTo("NEGATIVE");
        assertThat(texts(analysis.get("topics"))).containsExactly("delivery", "support");
        UUID id = UUID.fromString(item.get("id").stringValue());

        responses.answer(invitation.token(), submission(3, "O preço é alto demais"));

        JsonNode edited = api.get("/api/v1/feedback?surveyId=" + survey).json().get("items");
        assertThat(edited).as("one item per response").hasSize(1);
        assertThat(edited.get(0).get("id").stringValue()).isEqualTo(id.toString());
        assertThat(edited.get(0).get("text").stringValue()).isEqualTo("O preço é alto demais");
        assertThat(texts(edited.get(0).get("analysis").get("topics"))).containsExactly("price");
        assertThat(api.get("/api/v1/feedback/" + id).json().get("text").stringValue())
                .isEqualTo("O preço é alto demais");
        List<ReceivedFeedback.Received> published = feedback.of(id);
        assertThat(published).hasSize(2).allMatch(ReceivedFeedback.Received::inTransaction);
        assertThat(published.getLast().event().analysis().topics()).containsExactly("price");
        assertThat(published.getLast().event().surveyId()).isEqualTo(survey.value());

        responses.answer(invitation.token(), new SurveyResponses.Submission(Map.of(), null, true));
        assertThat(feedback.of(id)).as("a change without a new text or score publishes nothing").hasSize(2);
    }

    @Test
    void a_tracked_product_review_lands_once_however_often_it_is_sent() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String marker = marker();
        String review = """
                {"userId":"reviewer-%1$s","messageId":"review-%1$s","event":"Product Reviewed",
                 "context":{"locale":"pt-BR"},
                 "properties":{"review_id":"r-%1$s","order_id":"o-%1$s","rating":1,"review_title":"Péssimo",
                  "review_body":"Produto veio quebrado e a entrega demorou %1$s"}}""".formatted(marker);
        assertThat(rapport.track("/v1/track", writeKey, review).status()).isEqualTo(200);
        assertThat(rapport.track("/v1/track", writeKey, review).status()).isEqualTo(200);

        JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> items("q=" + marker),
                list -> list.size() == 1).get(0);
        assertThat(item.get("source").stringValue()).isEqualTo("review");
        assertThat(item.get("sourceId").stringValue()).endsWith("/review-" + marker);
        assertThat(item.get("identifier").stringValue()).isEqualTo("user:reviewer-" + marker);
        assertThat(item.get("score").asInt()).isEqualTo(1);
        assertThat(item.get("orderId").stringValue()).isEqualTo("o-" + marker);
        assertThat(item.get("text").stringValue()).startsWith("Péssimo\nProduto veio quebrado");
        assertThat(item.get("analysis").get("language").stringValue()).isEqualTo("pt");
        assertThat(item.get("analysis").get("sentiment").stringValue()).isEqualTo("NEGATIVE");
        assertThat(texts(item.get("analysis").get("topics"))).contains("delivery", "quality");
        // The negative review opens one follow-up case for its author (closing the loop), despite the replayed call.
        List<FollowUpCase> opened = followUps.find(new FollowUpCases.Query(null, null, null, null, null, 1_000, null))
                .items().stream().filter(c -> ("user:reviewer-" + marker).equals(c.identifier())).toList();
        assertThat(opened).singleElement().satisfies(c -> {
            assertThat(c.trigger().rule()).isEqualTo(FollowUpRule.Kind.SENTIMENT);
            assertThat(c.trigger().source()).isEqualTo("review");
            assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        });

        String other = """
                {"anonymousId":"visitor-%1$s","event":"Feedback Submitted",
                 "properties":{"comment":"Great support team, thank you %1$s","channel":"app"}}""".formatted(marker);
        assertThat(rapport.track("/v1/track", writeKey, other).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> items("q=" + marker).size() == 2);
        JsonNode event = items("q=" + marker + "&source=event").get(0);
        assertThat(event.get("identifier").stringValue()).isEqualTo("anon:visitor-" + marker);
        assertThat(event.get("channel").stringValue()).isEqualTo("app");
        assertThat(event.get("analysis").get("sentiment").stringValue()).isEqualTo("POSITIVE");
        assertThat(texts(event.get("analysis").get("topics"))).contains("support");
    }

    @Test
    void the_inbox_filters_pages_newest_first_and_counts() {
        String marker = marker();
        Survey.Id survey = api.createActive(SurveyApi.nps(""));
        String[] comments = {"Terrible delivery, very disappointed, the box was broken " + marker,
                "Great price and fast delivery " + marker, "Entrega rápida, adorei " + marker,
                "Awful website, checkout keeps failing " + marker, "The parcel contained two boxes " + marker};
        List<String> ids = new ArrayList<>();
        for (String comment : comments) {
            Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, null, null, null, null);
            responses.answer(invitation.token(), submission(5, comment));
            ids.add(invitation.token().toString());
            clock.advance(Duration.ofMinutes(1));
        }

        JsonNode first = api.get("/api/v1/feedback?q=" + marker + "&limit=2").json();
        JsonNode second = api.get("/api/v1/feedback?q=" + marker + "&limit=2&cursor=" + first.get("next").stringValue())
                .json();
        JsonNode third = api.get("/api/v1/feedback?q=" + marker + "&limit=2&cursor=" + second.get("next").stringValue())
                .json();
        assertThat(sourceIds(first.get("items"))).containsExactly(ids.get(4), ids.get(3));
        assertThat(sourceIds(second.get("items"))).containsExactly(ids.get(2), ids.get(1));
        assertThat(sourceIds(third.get("items"))).containsExactly(ids.get(0));
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(sourceIds(items("q=" + marker + "&sentiment=negative"))).containsExactly(ids.get(3), ids.get(0));
        assertThat(sourceIds(items("q=" + marker + "&topic=delivery"))).containsExactly(ids.get(2), ids.get(1),
                ids.get(0));
        assertThat(sourceIds(items("q=" + marker + "&language=pt"))).containsExactly(ids.get(2));
        assertThat(sourceIds(items("q=" + marker + "&topic=price&sentiment=POSITIVE"))).containsExactly(ids.get(1));
        assertThat(items("q=" + marker + "&source=review")).isEmpty();

        JsonNode summary = api.get("/api/v1/feedback/summary?q=" + marker).json();
        assertThat(summary.get("total").asLong()).isEqualTo(5);
        long negative = 0;
        long positive = 0;
        for (JsonNode day : summary.get("days")) {
            negative += day.get("negative").asLong();
            positive += day.get("positive").asLong();
        }
        assertThat(negative).isEqualTo(2);
        assertThat(positive).isEqualTo(2);
        assertThat(counts(summary.get("topics"))).containsEntry("delivery", 3L).containsEntry("packaging", 2L)
                .containsEntry("price", 1L).containsEntry("website", 1L);
        assertThat(counts(summary.get("languages"))).as("most first").containsExactly(entry("en", 4L),
                entry("pt", 1L));
    }

    @Test
    void bad_filters_and_rules_are_refused_as_problems_naming_the_field() {
        for (String[] call : new String[][] {{"sentiment=happy", "sentiment"}, {"source=tweet", "source"},
                {"language=Portuguese", "language"}, {"from=yesterday", "from"}, {"limit=0", "limit"},
                {"limit=1001", "limit"}, {"cursor=nonsense", "cursor"},
                {"from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"}, {"q=" + "x".repeat(201), "q"}}) {
            RapportClient.Response answer = api.get("/api/v1/feedback?" + call[0]);
            assertThat(answer.status()).as(call[0]).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("field").stringValue()).as(call[0]).isEqualTo(call[1]);
        }
        assertThat(api.get("/api/v1/feedback/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/feedback/topics/suggestions").json().get("field").stringValue())
                .isEqualTo("language");
        assertThat(api.get("/api/v1/feedback/topics/suggestions?language=it").json().get("field").stringValue())
                .isEqualTo("language");

        long version = api.get("/api/v1/feedback/topics").json().get("version").asLong();
        RapportClient.Response refused = put("/api/v1/feedback/topics", """
                {"rules":[{"language":"pt","topic":"sizing","keywords":["tamanho"]},
                          {"language":"xx","topic":"a,b","keywords":[]},
                          {"language":"pt","topic":"sizing","keywords":["!!!", ""]}]}""", RapportClient.ADMIN_KEY);
        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).containsExactly("rules[1].language", "rules[1].topic", "rules[1].keywords",
                "rules[2].topic", "rules[2].keywords[0]", "rules[2].keywords[1]");
        assertThat(api.get("/api/v1/feedback/topics").json().get("version").asLong()).as("nothing was saved")
                .isEqualTo(version);
        String agent = api.key("AGENT");
        assertThat(put("/api/v1/feedback/topics", "{\"rules\":[]}", agent).status()).isEqualTo(403);
        assertThat(rapport.get("/api/v1/feedback", agent).status()).isEqualTo(200);
    }

    @Test
    void a_topic_rule_change_rereads_the_stored_texts_and_publishes_the_changed_ones() {
        String marker = marker();
        Survey.Id survey = api.createActive(SurveyApi.nps(""));
        Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, null, "pt-BR", null, null);
        responses.answer(invitation.token(), submission(4, "O tamanho veio errado, bem menor " + marker));
        JsonNode before = items("q=" + marker).get(0);
        UUID id = UUID.fromString(before.get("id").stringValue());
        assertThat(texts(before.get("analysis").get("topics"))).doesNotContain("sizing");
        JsonNode current = api.get("/api/v1/feedback/topics").json();
        long version = current.get("version").asLong();
        assertThat(api.get("/api/v1/feedback/topics/suggestions?language=pt&from=2020-01-01T00:00:00Z").status())
                .isEqualTo(200);

        List<Map<String, Object>> rules = new ArrayList<>();
        current.get("rules").forEach(rule -> rules.add(Map.of("language", rule.get("language").stringValue(),
                "topic", rule.get("topic").stringValue(), "keywords", texts(rule.get("keywords")))));
        List<Map<String, Object>> edited = new ArrayList<>(rules);
        edited.add(Map.of("language", "pt", "topic", "sizing", "keywords", List.of("tamanho", "numeração")));
        try {
            RapportClient.Response saved = put("/api/v1/feedback/topics", JSON.writeValueAsString(Map.of("rules",
                    edited)), RapportClient.ADMIN_KEY);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.json().get("edited").asBoolean()).isTrue();
            assertThat(saved.json().get("version").asLong()).isEqualTo(version + 1);

            await().atMost(Duration.ofSeconds(30)).until(() -> texts(api.get("/api/v1/feedback/" + id).json()
                    .get("analysis").get("topics")).contains("sizing"));
            JsonNode reread = await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/v1/feedback/topics").json().get("reread"),
                    r -> r.get("status").stringValue().equals("done"));
            assertThat(reread.get("rulesVersion").asLong()).isEqualTo(version + 1);
            assertThat(reread.get("done").asLong()).isEqualTo(reread.get("total").asLong()).isPositive();
            assertThat(reread.get("changed").asLong()).isPositive();
            assertThat(feedback.of(id).getLast().event().analysis().topics()).contains("sizing");
            assertThat(items("q=" + marker + "&topic=sizing")).hasSize(1);
        } finally {
            assertThat(put("/api/v1/feedback/topics", JSON.writeValueAsString(Map.of("rules", rules)),
                    RapportClient.ADMIN_KEY).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !texts(api.get("/api/v1/feedback/" + id).json()
                .get("analysis").get("topics")).contains("sizing"));
    }

    private RapportClient.Response put(String path, String body, String key) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode items(String query) {
        return api.get("/api/v1/feedback?" + query).json().get("items");
    }

    /** A word no text of another test holds. */
    private static String marker() {
        return "ref" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static SurveyResponses.Submission submission(int score, String reason) {
        return new SurveyResponses.Submission(Map.of("score", NODES.numberNode(score), "reason",
                NODES.stringNode(reason)), null, false);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.stringValue()));
        return texts;
    }

    private static List<String> sourceIds(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("sourceId").stringValue()));
        return ids;
    }

    private static Map<String, Long> counts(JsonNode counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(c -> map.put(c.get("name").stringValue(), c.get("items").asLong()));
        return map;
    }
}
