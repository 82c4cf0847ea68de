package io.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The management API's conventions: problem details, users, OpenAPI, operations endpoints. */
@RapportTest
class ManagementApiTest {

    @Autowired
    RapportClient rapport;

    @Test
    void an_unreadable_body_names_the_field_it_could_not_read() {
        Response response = post("/api/v1/sources", "{\"name\":\"Kiosk\",\"type\":\"BLIMP\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").stringValue()).isEqualTo("type");
        assertThat(response.json().get("detail").stringValue()).contains("BLIMP");
    }

    @Test
    void an_unknown_path_answers_a_404_problem() {
        Response response = rapport.get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void admins_create_users_and_a_second_user_with_the_same_email_is_a_conflict() {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"long enough password\",\"role\":\"AGENT\"}";

        Response created = post("/api/v1/users", body);
        Response again = post("/api/v1/users", body);
        Response weak = post("/api/v1/users", "{\"email\":\"x@example.com\",\"password\":\"short\",\"role\":\"AGENT\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("role").stringValue()).isEqualTo("AGENT");
        assertThat(created.body()).doesNotContain("password");
        assertThat(again.status()).isEqualTo(409);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").stringValue()).isEqualTo("password");
        assertThat(rapport.get("/api/v1/users").body()).contains(email);
    }

    @Test
    void the_openapi_description_lists_the_tracking_and_management_paths() {
        Response docs = rapport.get("/v3/api-docs", "none");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains("/v1/{call}", "/api/v1/sources",
                "/api/v1/events", "/api/v1/failed-events", "/api/v1/api-keys");
        assertThat(docs.json().get("components").get("securitySchemes").has("apiKey")).isTrue();
    }

    @Test
    void health_probes_and_prometheus_metrics_are_served() {
        String writeKey = rapport.createSource("WEB").get("writeKey").stringValue();
        rapport.track("/v1/track", writeKey, "{\"userId\":\"u\",\"event\":\"Counted\"}");
        rapport.track("/v1/track", writeKey, "{\"event\":\"Refused\"}");

        assertThat(rapport.get("/actuator/health/readiness", "none").json().get("status").stringValue())
                .isEqualTo("UP");
        String metrics = rapport.get("/actuator/prometheus", "none").body();
        assertThat(metrics).contains("rapport_events_received_total", "rapport_events_stored_total",
                "rapport_events_rejected_total{field=\"userId\"", "rapport_collect_queue_depth",
                "rapport_collect_ack_latency_seconds_bucket", "rapport_consumer_behind{consumer=\"customer.identity\"",
                "rapport_consumer_delay_seconds{consumer=\"commerce.projector\"");
    }

    private Response post(String path, String json) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
