package io.rapport.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The value read from an event's properties is the value the commerce module stores for the order they describe. */
@RapportTest
class OrderValueTest {

    @Autowired
    RapportClient rapport;

    @Test
    void an_order_event_is_worth_what_the_projected_order_is_worth() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> orders = new LinkedHashMap<>();
        orders.put("total", """
                {"total":30,"revenue":25,"subtotal":20,"products":[{"price":99}]}""");
        orders.put("revenue", """
                {"revenue":"25.50","subtotal":20}""");
        orders.put("unusable-total", """
                {"total":"n/a","subtotal":20}""");
        orders.put("lines", """
                {"products":[{"price":5,"quantity":2},{"price":"1.25","quantity":"3"},{"price":7,"quantity":0},
                 {"name":"without a price","quantity":4}]}""");
        orders.put("nothing", """
                {"products":[{"name":"free sample"}]}""");
        String writeKey = rapport.newSource("SERVER").writeKey();
        orders.forEach((name, properties) -> {
            RapportClient.Response response = rapport.track("/v1/track", writeKey, """
                    {"userId":"value-%s","event":"Order Completed","properties":%s}"""
                    .formatted(run, "{\"order_id\":\"" + name + "-" + run + "\"," + properties.substring(1)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        });

        orders.forEach((name, properties) -> {
            JsonNode details = await().atMost(Duration.ofSeconds(30)).until(
                    () -> rapport.get("/api/v1/orders/" + name + "-" + run), r -> r.status() == 200).json();
            BigDecimal read = OrderValue.of(JsonMapper.shared().readTree(properties)).orElse(null);
            JsonNode stored = details.get("order").get("value");
            if (stored.isNull()) {
                assertThat(read).as(name).isNull();
            } else {
                assertThat(read).as(name).isEqualByComparingTo(new BigDecimal(stored.asString()));
            }
        });
        // 5 × 2 + 1.25 × 3 + 7 × 1 (a quantity of 0 counts as 1); the line without a price adds nothing.
        assertThat(OrderValue.of(JsonMapper.shared().readTree(orders.get("lines"))).orElseThrow())
                .isEqualByComparingTo("20.75");
    }
}
