package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/events: newest first, filters, cursor pages that stay stable while events arrive. */
@RapportTest
class EventsApiTest {

    @Autowired
    RapportClient rapport;
    String sourceId;
    String writeKey;

    @BeforeEach
    void source() {
        RapportClient.TestSource source = rapport.newSource("ANDROID");
        sourceId = source.id();
        writeKey = source.writeKey();
    }

    @Test
    void pages_walk_the_log_newest_first_without_gaps_or_repeats() {
        for (int i = 0; i < 7; i++) {
            rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"E" + i + "\"}");
        }

        List<String> names = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = rapport.get("/api/v1/events?limit=3&source=" + sourceId + cursor).json();
            page.get("items").forEach(item -> names.add(item.get("event").stringValue()));
            cursor = page.get("next").isNull() ? null : "&cursor=" + page.get("next").stringValue();
            if (pages++ == 0) {
                // An event arriving meanwhile does not shift the following pages.
                rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"Late\"}");
            }
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("E6", "E5", "E4", "E3", "E2", "E1", "E0");
    }

    @Test
    void filters_by_type_user_and_anonymous_id() {
        rapport.track("/v1/track", writeKey, "{\"userId\":\"ana\",\"event\":\"A\"}");
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"ana\"}");
        rapport.track("/v1/page", writeKey, "{\"anonymousId\":\"anon-7\",\"name\":\"Home\"}");

        assertThat(items("&type=identify")).hasSize(1);
        assertThat(items("&userId=ana")).hasSize(2);
        assertThat(items("&anonymousId=anon-7").get(0).get("type").stringValue()).isEqualTo("page");
    }

    @Test
    void bad_parameters_answer_400_problems_naming_the_field() {
        Response badType = rapport.get("/api/v1/events?type=purchase");
        Response badLimit = rapport.get("/api/v1/events?limit=5000");
        Response badCursor = rapport.get("/api/v1/events?cursor=%25%25");

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("field").stringValue()).isEqualTo("type");
        assertThat(badLimit.json().get("field").stringValue()).isEqualTo("limit");
        assertThat(badCursor.json().get("field").stringValue()).isEqualTo("cursor");
    }

    @Test
    void the_management_api_needs_a_valid_api_key() {
        Response none = rapport.send(java.net.http.HttpRequest.newBuilder(rapport.uri("/api/v1/events")).GET());
        Response wrong = rapport.get("/api/v1/events", "rk_wrong_key_wrong_key_wrong");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("detail").stringValue()).contains("Authorization: Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
    }

    private JsonNode items(String filter) {
        return rapport.get("/api/v1/events?source=" + sourceId + filter).json().get("items");
    }
}
