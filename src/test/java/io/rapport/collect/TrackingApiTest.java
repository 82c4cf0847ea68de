package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The Segment wire contract of /v1: paths, credentials, encodings, validation, limits and answers. */
@RapportTest
class TrackingApiTest {

    @Autowired
    RapportClient rapport;
    String sourceId;
    String writeKey;

    @BeforeEach
    void source() {
        RapportClient.TestSource source = rapport.newSource("WEB");
        sourceId = source.id();
        writeKey = source.writeKey();
    }

    @Test
    void a_valid_track_call_answers_success_true() {
        Response response = rapport.track("/v1/track", writeKey, "{\"userId\":\"u1\",\"event\":\"Signed Up\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("success").asBoolean()).isTrue();
        assertThat(stored()).hasSize(1);
    }

    @Test
    void the_same_batch_sent_twice_is_stored_once() {
        String batch = """
                {"batch":[{"type":"track","userId":"u1","event":"A","messageId":"%1$s-a"},
                          {"type":"page","anonymousId":"x","name":"Home","messageId":"%1$s-b"}]}"""
                .formatted(UUID.randomUUID());

        assertThat(rapport.track("/v1/batch", writeKey, batch).status()).isEqualTo(200);
        assertThat(rapport.track("/v1/batch", writeKey, batch).status()).isEqualTo(200);

        assertThat(stored()).hasSize(2);
    }

    @Test
    void the_same_message_id_in_another_source_is_another_event() {
        String otherKey = rapport.createSource("IOS").get("writeKey").stringValue();
        String body = "{\"userId\":\"u1\",\"event\":\"A\",\"messageId\":\"shared-id\"}";

        rapport.track("/v1/track", writeKey, body);
        rapport.track("/v1/track", otherKey, body);

        assertThat(stored()).hasSize(1);
    }

    @Test
    void a_batch_with_one_invalid_message_stores_the_others_and_records_the_failure() {
        Response response = rapport.track("/v1/batch", writeKey, """
                {"batch":[{"type":"track","userId":"u1","event":"Kept 1"},
                          {"type":"track","userId":"u1"},
                          {"type":"identify","anonymousId":"a1","traits":{"plan":"gold"}}]}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").get(0).get("field").stringValue()).isEqualTo("event");
        assertThat(stored()).hasSize(2);

        JsonNode failed = failed();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("field").stringValue()).isEqualTo("event");
        assertThat(failed.get(0).get("reason").stringValue()).contains("name of the event");
        assertThat(failed.get(0).get("payload").stringValue()).contains("\"userId\":\"u1\"");
    }

    @Test
    void a_gzip_body_is_decoded() {
        Response response = rapport.trackGzip("/v1/track", writeKey, "{\"userId\":\"u1\",\"event\":\"Zipped\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(stored().get(0).get("event").stringValue()).isEqualTo("Zipped");
    }

    @Test
    void analytics_js_one_letter_paths_take_text_plain_with_the_write_key_in_the_body() {
        for (String path : new String[] {"/v1/t", "/v1/i", "/v1/p", "/v1/s", "/v1/g", "/v1/a"}) {
            String body = """
                    {"writeKey":"%s","anonymousId":"anon-1","userId":"u1","event":"E","groupId":"g1",
                     "previousId":"anon-1","name":"N"}""".formatted(writeKey);
            Response response = rapport.post(path, "text/plain", body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(path).isEqualTo(200);
        }
        Response batch = rapport.post("/v1/b", "text/plain", """
                {"writeKey":"%s","batch":[{"type":"track","anonymousId":"anon-1","event":"Batched"}]}"""
                .formatted(writeKey).getBytes(StandardCharsets.UTF_8));
        assertThat(batch.status()).isEqualTo(200);

        JsonNode events = stored();
        assertThat(events).hasSize(7);
        assertThat(events.findValuesAsString("type")).contains("track", "identify", "page", "screen", "group",
                "alias");
        // The write key is a credential: it is not kept with the event.
        assertThat(events.get(0).get("payload").has("writeKey")).isFalse();
    }

    @Test
    void client_side_calls_get_the_callers_ip_and_server_calls_do_not() {
        rapport.post("/v1/t", "text/plain", """
                {"writeKey":"%s","anonymousId":"a","event":"From browser"}""".formatted(writeKey)
                .getBytes(StandardCharsets.UTF_8));
        rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"From server\"}");

        JsonNode events = stored();
        JsonNode server = events.get(0);
        JsonNode browser = events.get(1);
        assertThat(browser.get("payload").get("context").get("ip").stringValue()).isEqualTo("127.0.0.1");
        assertThat(server.get("payload").has("context")).isFalse();
    }

    @Test
    void unknown_or_missing_write_keys_answer_401_problems() {
        Response unknown = rapport.track("/v1/track", "not-a-key", "{\"userId\":\"u\",\"event\":\"E\"}");
        Response missing = rapport.post("/v1/track", "application/json",
                "{\"userId\":\"u\",\"event\":\"E\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").stringValue()).contains("No source has this write key");
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("title").stringValue()).isEqualTo("Write key missing");
    }

    @Test
    void invalid_json_answers_400_and_is_kept_as_a_failed_event() {
        Response response = rapport.track("/v1/track", writeKey, "{\"userId\": oops");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue()).startsWith("The body is not valid JSON");
        assertThat(failed().get(0).get("payload").stringValue()).isEqualTo("{\"userId\": oops");
    }

    @Test
    void segment_validation_rules_name_the_offending_field() {
        assertField("/v1/track", "{\"event\":\"E\"}", "userId");
        assertField("/v1/track", "{\"userId\":\"u\"}", "event");
        assertField("/v1/alias", "{\"userId\":\"u\"}", "previousId");
        assertField("/v1/group", "{\"userId\":\"u\"}", "groupId");
        assertField("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"" + "m".repeat(101) + "\"}",
                "messageId");
        assertField("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"yesterday\"}", "timestamp");
        assertField("/v1/track", "{\"userId\":{\"id\":1},\"event\":\"E\"}", "userId");
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_missing_message_id_is_generated() {
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"u1\",\"traits\":{\"name\":\"Ana\"}}");

        assertThat(stored().get(0).get("messageId").stringValue()).startsWith("rapport-");
    }

    @Test
    void numeric_ids_are_stored_as_strings() {
        rapport.track("/v1/track", writeKey, "{\"userId\":42,\"event\":\"E\"}");

        assertThat(stored().get(0).get("userId").stringValue()).isEqualTo("42");
    }

    @Test
    void the_device_clock_skew_is_corrected_from_sent_at() {
        // The device clock runs one day fast; the event happened 10 s before the device sent it.
        Instant deviceNow = Instant.now().plus(Duration.ofDays(1));
        String body = """
                {"userId":"u","event":"Skewed","timestamp":"%s","sentAt":"%s"}"""
                .formatted(deviceNow.minusSeconds(10), deviceNow);

        rapport.track("/v1/track", writeKey, body);

        JsonNode event = stored().get(0);
        Instant receivedAt = Instant.parse(event.get("receivedAt").stringValue());
        Instant timestamp = Instant.parse(event.get("timestamp").stringValue());
        assertThat(Duration.between(timestamp, receivedAt)).isEqualTo(Duration.ofSeconds(10));
        assertThat(event.get("payload").get("originalTimestamp").stringValue())
                .isEqualTo(deviceNow.minusSeconds(10).toString());
    }

    @Test
    void a_batch_shares_its_context_integrations_and_sent_at_with_each_message() {
        Instant sentAt = Instant.now().minusSeconds(3);
        rapport.track("/v1/batch", writeKey, """
                {"sentAt":"%s",
                 "context":{"library":{"name":"analytics-node","version":"2.1"},"locale":"de-DE"},
                 "integrations":{"All":false},
                 "batch":[{"type":"track","userId":"u","event":"E","timestamp":"%s",
                           "context":{"locale":"fr-FR"}}]}""".formatted(sentAt, sentAt.minusSeconds(1)));

        JsonNode payload = stored().get(0).get("payload");
        assertThat(payload.get("context").get("library").get("name").stringValue()).isEqualTo("analytics-node");
        assertThat(payload.get("context").get("locale").stringValue()).isEqualTo("fr-FR");
        assertThat(payload.get("integrations").get("All").asBoolean()).isFalse();
        assertThat(payload.get("sentAt").stringValue()).isEqualTo(sentAt.toString());
        Instant receivedAt = Instant.parse(payload.get("receivedAt").stringValue());
        assertThat(Duration.between(Instant.parse(payload.get("timestamp").stringValue()), receivedAt))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void an_oversize_message_answers_400_not_413() {
        String big = "x".repeat(33 * 1024);
        Response response = rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"" + big + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").stringValue()).isEqualTo("Too large");
    }

    @Test
    void an_oversize_message_in_a_batch_is_refused_alone() {
        String big = "x".repeat(33 * 1024);
        Response response = rapport.track("/v1/batch", writeKey, """
                {"batch":[{"type":"track","userId":"u","event":"Small"},
                          {"type":"track","userId":"u","event":"Big","properties":{"blob":"%s"}}]}""".formatted(big));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("rejected").get(0).get("reason").stringValue()).contains("32 KB");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void an_oversize_batch_and_too_many_messages_answer_400() {
        String big = "x".repeat(501 * 1024);
        Response oversize = rapport.track("/v1/batch", writeKey, "{\"batch\":[],\"pad\":\"" + big + "\"}");
        StringBuilder many = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 2_501; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
        }
        Response tooMany = rapport.track("/v1/batch", writeKey, many.append("]}").toString());

        assertThat(oversize.status()).isEqualTo(400);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").stringValue()).contains("2501 messages");
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_zip_bomb_is_refused_without_inflating_it() {
        byte[] bomb = RapportClient.gzip(("{\"userId\":\"u\",\"event\":\"" + "A".repeat(10_000_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Response response = rapport.send(HttpRequest.newBuilder(rapport.uri("/v1/track"))
                .header("Authorization", RapportClient.basic(writeKey))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)));

        assertThat(bomb.length).isLessThan(32 * 1024);
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void analytics_js_reads_settings_that_point_it_back_at_rapport() {
        Response response = rapport.get("/v1/projects/" + writeKey + "/settings", "none");

        assertThat(response.status()).isEqualTo(200);
        JsonNode segment = response.json().get("integrations").get("Segment.io");
        assertThat(segment.get("apiKey").stringValue()).isEqualTo(writeKey);
        assertThat(segment.get("apiHost").stringValue()).isEqualTo(rapport.base().replace("http://", "") + "/v1");
        assertThat(segment.get("protocol").stringValue()).isEqualTo("http");
        assertThat(rapport.get("/v1/projects/unknown/settings", "none").status()).isEqualTo(404);
    }

    @Test
    void browsers_may_send_from_any_origin() {
        Response preflight = rapport.send(HttpRequest.newBuilder(rapport.uri("/v1/t"))
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
    }

    @Test
    void a_rotated_write_key_works_alongside_the_new_one() {
        JsonNode rotated = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/sources/" + sourceId + "/rotate-write-key"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody())).json();
        String newKey = rotated.get("writeKey").stringValue();

        assertThat(newKey).isNotEqualTo(writeKey);
        assertThat(rotated.get("previousKeyValidUntil").isNull()).isFalse();
        assertThat(rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"Old\"}").status()).isEqualTo(200);
        assertThat(rapport.track("/v1/track", newKey, "{\"userId\":\"u\",\"event\":\"New\"}").status()).isEqualTo(200);
    }

    @Test
    void timestamps_outside_the_storable_years_are_refused_as_bad_input() {
        assertField("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}",
                "timestamp");
        assertField("/v1/track", """
                {"userId":"u","event":"E","originalTimestamp":"2020-01-01T00:00:00Z",
                 "sentAt":"-999999999-01-01T00:00:00+18:00"}""", "sentAt");
        assertField("/v1/track", """
                {"userId":"u","event":"E","originalTimestamp":"0001-01-01T00:00:00Z","sentAt":"9999-01-01T00:00:00Z"}""",
                "timestamp");
    }

    @Test
    void a_nul_character_in_a_refused_message_is_kept_readably() {
        Response response = rapport.track("/v1/batch", writeKey, """
                {"batch":[{"type":"\\u0000","userId":"u","event":"E"},{"type":"track","userId":"u","event":"Kept"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(stored()).hasSize(1);
        assertThat(failed().get(0).get("reason").stringValue()).contains("\uFFFD");
    }

    @Test
    void the_answer_is_json_whatever_the_accept_header_asks_for() {
        Response ok = rapport.send(HttpRequest.newBuilder(rapport.uri("/v1/track"))
                .header("Authorization", RapportClient.basic(writeKey))
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"event\":\"E\"}")));
        Response invalid = rapport.send(HttpRequest.newBuilder(rapport.uri("/v1/track"))
                .header("Authorization", RapportClient.basic(writeKey))
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"E\"}")));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("success").asBoolean()).isTrue();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").stringValue()).isEqualTo("userId");
    }

    @Test
    void requests_that_reach_no_handler_answer_problems() {
        Response wrongMethod = rapport.send(HttpRequest.newBuilder(rapport.uri("/v1/track")).GET());
        Response unknownPath = rapport.track("/v1/track/extra", writeKey, "{}");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().get("detail").stringValue()).isNotBlank();
    }

    private void assertField(String path, String body, String field) {
        Response response = rapport.track(path, writeKey, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.json().get("field").stringValue()).as(body).isEqualTo(field);
        assertThat(response.json().get("detail").stringValue()).as(body).isNotBlank();
    }

    private JsonNode stored() {
        return rapport.get("/api/v1/events?limit=100&source=" + sourceId).json().get("items");
    }

    private JsonNode failed() {
        return rapport.get("/api/v1/failed-events?limit=100&source=" + sourceId).json().get("items");
    }
}
