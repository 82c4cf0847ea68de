package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The widget's script and public endpoints over HTTP: who may call them (write key, allowed origins), which tokens
 * they answer, and how large a call may be. The rate limits are {@link WidgetRateLimitTest}'s.
 */
@RapportTest
class WidgetEndpointsTest {

    /** The shop origin the test configuration allows ({@code rapport.feedback.allowed-origins}). */
    private static final String SHOP = "http://127.0.0.1:8081";

    @Autowired
    RapportClient rapport;

    @Autowired
    SurveyInvitations invitations;

    @Test
    void the_widget_script_is_served_without_login_and_is_under_15_kb_gzipped() throws IOException {
        Response script = rapport.send(HttpRequest.newBuilder(rapport.uri("/widget/survey.js")).GET());

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(script.body().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(gzipped.size()).as("survey.js gzipped, in bytes").isLessThan(15 * 1024);
        assertThat(script.body()).contains("RapportSurvey").doesNotContain("import ", "require(");
    }

    @Test
    void an_offer_and_its_answers_go_through_with_the_write_key_and_a_repeated_submit_changes_nothing() {
        SurveyApi api = new SurveyApi(rapport);
        String run = UUID.randomUUID().toString();
        Survey.Id survey = api.createActive(SurveyApi.nps(",\"triggers\":[{\"type\":\"page\",\"urlPattern\":\"/p-"
                + run + "/*\"}]"));
        String writeKey = rapport.newSource("WEB").writeKey();

        Response none = call("/public/surveys/offer", SHOP, offer(writeKey, run, "https://shop.example/elsewhere"));
        assertThat(none.status()).as(none.body()).isEqualTo(204);
        Response offered = call("/public/surveys/offer", SHOP, offer(writeKey, run,
                "https://shop.example/p-" + run + "/thanks"));
        assertThat(offered.status()).as(offered.body()).isEqualTo(200);
        assertThat(offered.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(offered.json().get("form").get("surveyId").stringValue()).isEqualTo(survey.toString());
        assertThat(offered.json().get("form").get("language").stringValue()).isEqualTo("pt-BR");
        String token = offered.json().get("token").stringValue();

        String answer = """
                {"writeKey":"%s","answers":{"score":3,"reason":"Late"},"locale":"pt-BR"}""".formatted(writeKey);
        Response first = call("/public/surveys/responses/" + token, SHOP, answer);
        Response again = call("/public/surveys/responses/" + token, SHOP, answer);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("complete").asBoolean()).as("'improve' is shown for 0–6").isFalse();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(api.stat(survey, "answered")).isEqualTo(1);
        JsonNode responses = api.get("/api/v1/surveys/" + survey + "/responses").json().get("items");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).get("identifier").stringValue()).isEqualTo("anon:visitor-" + run);
        assertThat(responses.get(0).get("channel").stringValue()).isEqualTo("web");
        assertThat(responses.get(0).get("score").asInt()).isEqualTo(3);
    }

    @Test
    void a_page_of_another_origin_is_refused_before_and_at_the_call() {
        String writeKey = rapport.newSource("WEB").writeKey();

        Response preflight = rapport.send(HttpRequest.newBuilder(rapport.uri("/public/surveys/offer"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        Response allowedPreflight = rapport.send(HttpRequest.newBuilder(rapport.uri("/public/surveys/offer"))
                .header("Origin", SHOP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        Response call = call("/public/surveys/offer", "https://evil.example",
                offer(writeKey, "x", "https://evil.example/"));

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(allowedPreflight.status()).isEqualTo(200);
        assertThat(allowedPreflight.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(call.status()).isEqualTo(403);
        assertThat(call.header("Content-Type")).startsWith("application/problem+json");
        assertThat(call.json().get("detail").stringValue()).contains("rapport.feedback.allowed-origins");
    }

    @Test
    void only_tokens_the_widget_was_offered_are_answered() {
        SurveyApi api = new SurveyApi(rapport);
        Survey.Id survey = api.createActive(SurveyApi.nps(""));
        String writeKey = rapport.newSource("WEB").writeKey();
        Invitation link = invitations.open(survey, SurveyInvitations.LINK, null, "en", null, null);
        String answer = "{\"writeKey\":\"" + writeKey + "\",\"answers\":{\"score\":10}}";

        for (String token : new String[] {UUID.randomUUID().toString(), link.token().toString(), "not-a-token"}) {
            Response refused = call("/public/surveys/responses/" + token, SHOP, answer);
            assertThat(refused.status()).as(token).isEqualTo(404);
            assertThat(refused.json().get("detail").stringValue()).isEqualTo(
                    "No survey was offered to the widget with this token.");
        }
        assertThat(api.stat(survey, "answered")).isZero();
    }

    @Test
    void a_call_without_a_valid_write_key_or_over_the_size_limit_is_refused_as_a_problem() {
        Response unknown = call("/public/surveys/offer", SHOP, offer("no-such-key", "x", "https://shop.example/"));
        String writeKey = rapport.newSource("WEB").writeKey();
        Response noVisitor = call("/public/surveys/offer", SHOP,
                "{\"writeKey\":\"" + writeKey + "\",\"url\":\"https://shop.example/\"}");
        Response tooLarge = call("/public/surveys/responses/" + UUID.randomUUID(), SHOP,
                "{\"writeKey\":\"" + writeKey + "\",\"answers\":{\"reason\":\"" + "x".repeat(70_000) + "\"}}");
        Response notJson = call("/public/surveys/offer", SHOP, "{\"writeKey\":");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("field").stringValue()).isEqualTo("writeKey");
        assertThat(noVisitor.status()).isEqualTo(400);
        assertThat(noVisitor.json().get("field").stringValue()).isEqualTo("anonymousId");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").stringValue()).isEqualTo("The body is larger than 64 KB.");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
    }

    private Response call(String path, String origin, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path)).header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String offer(String writeKey, String run, String url) {
        return """
                {"writeKey":"%s","anonymousId":"visitor-%s","url":"%s","locale":"pt-BR"}""".formatted(writeKey, run, url);
    }
}
