package io.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** API keys: issued once, scoped by role, revocable; stored only as hashes. */
@RapportTest
class ApiKeysTest {

    @Autowired
    RapportClient rapport;

    @Test
    void an_analyst_key_reads_events_but_may_not_create_sources() {
        String analystKey = issue("reporting", "ANALYST").get("key").stringValue();

        assertThat(rapport.get("/api/v1/events?limit=1", analystKey).status()).isEqualTo(200);
        Response create = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/sources"))
                .header("Authorization", "Bearer " + analystKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"type\":\"WEB\"}")));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("detail").stringValue()).contains("role");
    }

    @Test
    void an_agent_key_may_not_read_the_event_log() {
        String agentKey = issue("help desk", "AGENT").get("key").stringValue();

        assertThat(rapport.get("/api/v1/events", agentKey).status()).isEqualTo(403);
    }

    @Test
    void a_revoked_key_stops_working() {
        JsonNode issued = issue("temporary", "ANALYST");
        String key = issued.get("key").stringValue();
        assertThat(rapport.get("/api/v1/sources", key).status()).isEqualTo(200);

        Response revoke = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/api-keys/" + issued.get("id").stringValue()))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());

        assertThat(revoke.status()).isEqualTo(204);
        assertThat(rapport.get("/api/v1/sources", key).status()).isEqualTo(401);
    }

    @Test
    void a_listed_key_shows_its_prefix_never_its_secret() {
        String key = issue("listed", "MARKETER").get("key").stringValue();

        String listing = rapport.get("/api/v1/api-keys").body();

        assertThat(listing).contains(key.substring(0, 8)).doesNotContain(key);
    }

    @Test
    void an_invalid_request_names_the_field() {
        Response response = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"\",\"role\":\"ANALYST\"}")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").stringValue()).isEqualTo("name");
    }

    private JsonNode issue(String name, String role) {
        Response response = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
