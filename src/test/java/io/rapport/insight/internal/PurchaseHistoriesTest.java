package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rapport.collect.IngestMonitor;
import io.rapport.collect.ImportUploads;
import io.rapport.commerce.Orders;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The purchase histories kept in memory are refreshed with only what changed, and after every step of orders
 * completed, updated, cancelled and refunded they equal histories read whole from the database; an erasure takes
 * the person out, on this node and on another.
 */
@RapportTest
class PurchaseHistoriesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    Orders orders;

    @Autowired
    PurchaseHistories histories;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void refreshed_histories_equal_a_fresh_read_after_every_change_and_lose_an_erased_person() {
        String key = rapport.newSource("SERVER").writeKey();
        String ana = "ana-" + run;
        String ben = "ben-" + run;
        String visitor = "visitor-" + run;
        order(key, ana, null, "Order Completed", "a1", "2026-03-01T10:00:00Z", "\"total\":40,\"currency\":\"EUR\"");
        order(key, ben, null, "Order Completed", "b1", "2026-03-02T10:00:00Z", "\"total\":25,\"currency\":\"EUR\"");
        order(key, null, visitor, "Order Completed", "v1", "2026-03-03T10:00:00Z", "\"total\":9,\"currency\":\"USD\"");
        order(key, "cleo-" + run, null, "Order Completed", "c1", "2026-03-04T10:00:00Z",
                "\"total\":12.5,\"currency\":\"EUR\"");
        caughtUp();
        PurchaseHistories.Version first = histories.buyers().version();
        assertEqualToAFreshRead();

        order(key, ana, null, "Order Completed", "a2", "2026-03-10T10:00:00Z", "\"total\":15,\"currency\":\"EUR\"");
        order(key, ana, null, "Order Completed", "a3", "2026-03-10T18:00:00Z", "\"total\":5,\"currency\":\"EUR\"");
        order(key, ben, null, "Order Cancelled", "b1", "2026-03-04T10:00:00Z", "");
        order(key, ana, null, "Order Refunded", "a1", "2026-03-05T10:00:00Z", "\"total\":10,\"currency\":\"EUR\"");
        // The visitor signs in: their order's person becomes their user id.
        order(key, "vic-" + run, visitor, "Order Updated", "v1", "2026-03-03T11:00:00Z", "\"total\":9");
        caughtUp();
        PurchaseHistories.Version second = histories.buyers().version();
        assertEqualToAFreshRead();
        assertThat(second.generation()).as("refreshed, not read whole").isEqualTo(first.generation());
        assertThat(second.changes()).isGreaterThanOrEqualTo(first.changes() + 3);
        Map<String, NavigableMap<LocalDate, BigDecimal>> eur = values(histories.load("EUR"));
        assertThat(eur.get("user:" + ana)).containsExactly(
                Map.entry(LocalDate.parse("2026-03-01"), new BigDecimal("30.0000")),
                Map.entry(LocalDate.parse("2026-03-10"), new BigDecimal("20.0000")));
        assertThat(eur).doesNotContainKey("user:" + ben);
        assertThat(days(histories.buyers())).containsKey("user:vic-" + run).doesNotContainKey("anon:" + visitor);

        assertThat(histories.buyers().version()).as("nothing changed, nothing read").isEqualTo(second);

        // Another node's histories, read before the erasure: it learns of it from the database alone.
        PurchaseHistories otherNode = new PurchaseHistories(orders);
        assertThat(days(otherNode.buyers())).containsKey("user:" + ana);
        String customer = await().atMost(WAIT).until(() -> {
            JsonNode items = rapport.get("/api/v1/customers?userId=" + ana).json().get("items");
            return items.isEmpty() ? null : items.get(0).get("id").stringValue();
        }, id -> id != null);
        assertThat(rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customers/" + customer))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE()).status()).isEqualTo(200);

        PurchaseHistories.Buyers afterErasure = histories.buyers();
        assertThat(days(afterErasure)).doesNotContainKey("user:" + ana);
        assertThat(afterErasure.version().generation()).isGreaterThan(second.generation());
        assertThat(days(otherNode.buyers())).doesNotContainKey("user:" + ana);
        assertEqualToAFreshRead();
    }

    /** What the bean holds equals what a new reader finds in the database. */
    private void assertEqualToAFreshRead() {
        PurchaseHistories fresh = new PurchaseHistories(orders);
        assertThat(days(histories.buyers())).isEqualTo(days(fresh.buyers()));
        for (String currency : List.of("EUR", "USD")) {
            assertThat(values(histories.load(currency))).isEqualTo(values(fresh.load(currency)));
        }
        assertThat(histories.load(null).currency()).isEqualTo(fresh.load(null).currency());
    }

    private static Map<String, List<PurchaseDays.Day>> days(PurchaseHistories.Buyers buyers) {
        return buyers.buyers().stream().collect(Collectors.toMap(PurchaseHistories.Buyer::person,
                buyer -> buyer.days().days()));
    }

    private static Map<String, NavigableMap<LocalDate, BigDecimal>> values(PurchaseHistories.Loaded loaded) {
        return loaded.histories().stream().collect(Collectors.toMap(PurchaseHistories.History::person,
                PurchaseHistories.History::values));
    }

    private void caughtUp() {
        ImportUploads.waitForConsumers(ingest, WAIT);
    }

    private void order(String key, String userId, String anonymousId, String event, String order, String at,
            String amounts) {
        String properties = "{\"order_id\":\"" + order + "-" + run + "\"" + (amounts.isEmpty() ? "" : "," + amounts)
                + "}";
        String body = "{" + (userId == null ? "" : "\"userId\":\"" + userId + "\",")
                + (anonymousId == null ? "" : "\"anonymousId\":\"" + anonymousId + "\",")
                + "\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\",\"properties\":" + properties + "}";
        RapportClient.Response response = rapport.track("/v1/track", key, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
