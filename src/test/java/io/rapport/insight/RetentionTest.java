package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retention cohorts from tracked orders, on a hand-computed fixture in 2001, and again in 2003 (months no other test
 * uses):
 * <pre>
 * A: Jan, Feb, Apr          B: Jan, Mar          C: Jan (its order completed twice)
 * D: Feb, Feb, Mar (the March order cancelled)   E: Feb, cancelled before it was completed
 * F: Jan (cancelled), Mar
 * </pre>
 */
@RapportTest
class RetentionTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void cohorts_count_buyers_by_first_purchase_month_in_each_later_month_and_in_or_after_it() {
        track(fixture("2001"));

        assertFixtureCohorts("2001");
    }

    @Test
    void orders_completed_and_cancelled_within_one_batch_count_as_when_they_come_one_by_one() {
        trackInOneCall(fixture("2003"));

        assertFixtureCohorts("2003");
    }

    private List<String> fixture(String year) {
        return List.of(
                completed("A", "a1", year + "-01-10"), completed("A", "a2", year + "-02-03"),
                completed("A", "a3", year + "-04-30"),
                completed("B", "b1", year + "-01-31"), completed("B", "b2", year + "-03-01"),
                completed("C", "c1", year + "-01-05"), completed("C", "c1", year + "-01-06"),
                completed("D", "d1", year + "-02-01"), completed("D", "d2", year + "-02-28"),
                completed("D", "d3", year + "-03-15"), cancelled("D", "d3", year + "-03-16"),
                cancelled("E", "e1", year + "-02-02"), completed("E", "e1", year + "-02-01"),
                completed("F", "f1", year + "-01-20"), cancelled("F", "f1", year + "-01-21"),
                completed("F", "f2", year + "-03-02"));
    }

    private void assertFixtureCohorts(String year) {
        JsonNode in = table(year, "in");
        JsonNode inOrAfter = table(year, "in_or_after");

        assertThat(rows(in, "active")).containsExactly(year + "-01 3:[3, 1, 1, 1]", year + "-02 1:[1, 0, 0]",
                year + "-03 1:[1, 0]", year + "-04 0:[0]");
        assertThat(rows(inOrAfter, "active")).containsExactly(year + "-01 3:[3, 2, 2, 1]", year + "-02 1:[1, 0, 0]",
                year + "-03 1:[1, 0]", year + "-04 0:[0]");
        assertThat(in.get("cohorts").get(0).get("percent").toString()).isEqualTo("[100.0,33.33,33.33,33.33]");
        // Buyers A (3 orders), B (2), C (1), D (2), F (1): 3 of 5 bought again.
        assertThat(in.get("buyers").asLong()).isEqualTo(5);
        assertThat(in.get("repeatBuyers").asLong()).isEqualTo(3);
        assertThat(in.get("repeatPurchaseRate").get("value").asDouble()).isEqualTo(60.0);
    }

    @Test
    void an_erased_buyer_leaves_the_cohorts() {
        track(List.of(completed("G", "g1", "2002-01-10"), completed("G", "g2", "2002-02-10"),
                completed("H", "h1", "2002-01-11")));
        String customer = await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?userId=G-"
                + run).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();

        RapportClient.Response erased = rapport.send(java.net.http.HttpRequest.newBuilder(
                rapport.uri("/api/v1/customers/" + customer)).header("Authorization", "Bearer "
                + RapportClient.ADMIN_KEY).DELETE());

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("counts").get("insight").get("insight_person_months").asLong()).isEqualTo(2);
        JsonNode table = rapport.get("/api/v1/metrics/retention?from=2002-01&to=2002-02").json();
        assertThat(table.get("cohorts").get(0).get("active").toString()).isEqualTo("[1,0]");
        assertThat(table.get("repeatBuyers").asLong()).isZero();
    }

    @Test
    void unknown_variants_and_months_are_problems_naming_the_field() {
        RapportClient.Response variant = rapport.get("/api/v1/metrics/retention?variant=after");
        RapportClient.Response month = rapport.get("/api/v1/metrics/retention?from=January");
        RapportClient.Response period = rapport.get("/api/v1/metrics/retention?period=week");

        assertThat(variant.status()).isEqualTo(400);
        assertThat(variant.json().get("field").stringValue()).isEqualTo("variant");
        assertThat(month.status()).isEqualTo(400);
        assertThat(month.json().get("field").stringValue()).isEqualTo("from");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.json().get("field").stringValue()).isEqualTo("period");
    }

    private JsonNode table(String year, String variant) {
        RapportClient.Response response = rapport.get("/api/v1/metrics/retention?from=" + year + "-01&to=" + year
                + "-04&variant=" + variant);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> rows(JsonNode table, String field) {
        List<String> rows = new ArrayList<>();
        table.get("cohorts").forEach(c -> rows.add(c.get("month").stringValue() + " " + c.get("size").asLong() + ":"
                + c.get(field).toString().replace(",", ", ")));
        return rows;
    }

    private String completed(String person, String order, String day) {
        return message("Order Completed", person, order, day);
    }

    private String cancelled(String person, String order, String day) {
        return message("Order Cancelled", person, order, day);
    }

    private String message(String event, String person, String order, String day) {
        return """
                {"type":"track","event":"%s","userId":"%s-%s","messageId":"%s","timestamp":"%sT12:00:00Z",
                 "properties":{"order_id":"%s-%s","total":10,"currency":"EUR"}}""".formatted(event, person, run,
                UUID.randomUUID(), day, order, run);
    }

    /** Sends the messages in this order, one call each (log order is what the consumer sees), and waits for it. */
    private void track(List<String> messages) {
        RapportClient.TestSource source = rapport.newSource("SERVER");
        for (String message : messages) {
            RapportClient.Response response = rapport.track("/v1/track", source.writeKey(), message);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        awaitPurchases();
    }

    /** Sends the messages in one call: stored together, they reach the consumer in one batch. */
    private void trackInOneCall(List<String> messages) {
        RapportClient.Response response = rapport.track("/v1/batch", rapport.newSource("SERVER").writeKey(),
                "{\"batch\":[" + String.join(",", messages) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        awaitPurchases();
    }

    private void awaitPurchases() {
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.purchases"))
                .allMatch(c -> c.position() >= head));
    }
}
