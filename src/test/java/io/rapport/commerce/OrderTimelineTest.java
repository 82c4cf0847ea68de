package io.rapport.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A customer's timeline shows their orders among their events, in time order, page after page. */
@RapportTest
class OrderTimelineTest {

    @Autowired
    RapportClient rapport;

    @Test
    void orders_placed_refunded_and_cancelled_appear_among_the_events() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = rapport.newSource("WEB").writeKey();
        String user = "tl-" + run;
        String visitor = "tl-visitor-" + run;
        send(writeKey, "/v1/page", "{\"anonymousId\":\"" + visitor + "\",\"name\":\"Home\","
                + "\"timestamp\":\"2026-07-01T09:00:00Z\"}");
        send(writeKey, "/v1/identify", "{\"anonymousId\":\"" + visitor + "\",\"userId\":\"" + user + "\","
                + "\"timestamp\":\"2026-07-01T09:01:00Z\"}");
        // At one instant, event entries come before order entries (sources in name order).
        send(writeKey, "/v1/track", "{\"anonymousId\":\"" + visitor + "\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2026-07-01T09:05:00Z\",\"properties\":{\"order_id\":\"A-" + run + "\","
                + "\"total\":30,\"currency\":\"EUR\"}}");
        send(writeKey, "/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Order Refunded\","
                + "\"timestamp\":\"2026-07-02T10:00:00Z\",\"properties\":{\"order_id\":\"A-" + run + "\","
                + "\"total\":12.5}}");
        send(writeKey, "/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2026-07-03T10:00:00Z\",\"properties\":{\"order_id\":\"B-" + run + "\","
                + "\"total\":1000,\"currency\":\"JPY\"}}");
        send(writeKey, "/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Order Cancelled\","
                + "\"timestamp\":\"2026-07-03T11:00:00Z\",\"properties\":{\"order_id\":\"B-" + run + "\"}}");

        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode items = rapport.get("/api/v1/customers?userId=" + user).json().get("items");
            return items.isEmpty() || items.get(0).get("identities").size() < 2 ? null
                    : items.get(0).get("id").stringValue();
        }, id -> id != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/orders/B-" + run).json()
                .path("order").path("status").asString(""), "CANCELLED"::equals);

        JsonNode timeline = rapport.get("/api/v1/customers/" + customer + "/timeline").json();
        List<String> titles = new ArrayList<>();
        timeline.get("items").forEach(e -> titles.add(e.get("source").stringValue() + " " + e.get("type").stringValue()
                + " " + e.get("title").stringValue()));
        assertThat(titles).containsExactly(
                "events track Order Cancelled",
                "orders order.cancelled Order B-" + run + " cancelled · 1000 JPY",
                "events track Order Completed",
                "orders order.placed Order B-" + run + " placed · 1000 JPY",
                "events track Order Refunded",
                "orders order.refunded Order A-" + run + " refunded · 12.50 EUR",
                "events track Order Completed",
                "orders order.placed Order A-" + run + " placed · 30.00 EUR",
                "events identify identify",
                "events page Home");
        JsonNode placed = timeline.get("items").get(7);
        assertThat(placed.get("link").stringValue()).isEqualTo("/console/orders/A-" + run);
        assertThat(placed.get("at").stringValue()).isEqualTo("2026-07-01T09:05:00Z");
        assertThat(placed.get("data").get("total").decimalValue()).isEqualByComparingTo("30");
        assertThat(placed.get("data").get("status").stringValue()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(timeline.get("items").get(9).get("data").get("name").stringValue()).isEqualTo("Home");

        for (int size : new int[] {1, 3, 4}) {
            List<JsonNode> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = rapport.get("/api/v1/customers/" + customer + "/timeline?limit=" + size
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("items").forEach(paged::add);
                cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
            } while (cursor != null);
            assertThat(paged).as("pages of %d", size).containsExactlyElementsOf(timeline.get("items"));
        }
        RapportClient.Response bad = rapport.get("/api/v1/customers/" + customer + "/timeline?cursor=xyz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    }

    private void send(String writeKey, String path, String body) {
        RapportClient.Response response = rapport.track(path, writeKey, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
