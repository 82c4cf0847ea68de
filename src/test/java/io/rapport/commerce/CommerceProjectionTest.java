package io.rapport.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** E-commerce spec v2 events in through the tracking API, orders, carts and products out through the API. */
@RapportTest
class CommerceProjectionTest {

    /** Reads amounts as written, scale included ("25.00"), never through a double. */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RapportClient rapport;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_shopping_journey_becomes_an_order_with_lines_refund_coupon_and_a_converted_cart() {
        Journey journey = sendJourney();

        JsonNode details = await().atMost(WAIT).until(() -> order(journey.orderId()),
                o -> o != null && o.get("order").get("affiliation").stringValue().equals("Rapport Outlet"));
        JsonNode order = details.get("order");
        assertThat(order.get("status").stringValue()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(order.get("userIdentifier").stringValue()).isEqualTo("user:" + journey.userId());
        assertThat(order.get("anonymousIdentifier").stringValue()).isEqualTo("anon:" + journey.anonymousId());
        assertThat(order.get("currency").stringValue()).isEqualTo("EUR");
        assertThat(money(order, "total")).isEqualTo("26.49");
        assertThat(money(order, "subtotal")).isEqualTo("25.00");
        assertThat(money(order, "revenue")).isEqualTo("22.50");
        assertThat(money(order, "shipping")).isEqualTo("3.99");
        assertThat(money(order, "tax")).isEqualTo("4.23");
        assertThat(money(order, "discount")).isEqualTo("2.50");
        assertThat(money(order, "refunded")).isEqualTo("12.50");
        assertThat(order.get("coupon").stringValue()).isEqualTo("SPRING");
        assertThat(order.get("checkoutId").stringValue()).isEqualTo("co-" + journey.run());
        assertThat(order.get("completedAt").stringValue()).isEqualTo("2026-04-01T10:07:00Z");

        JsonNode lines = details.get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("productId").stringValue()).isEqualTo("mug-" + journey.run());
        assertThat(lines.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(money(lines.get(0), "price")).isEqualTo("12.50");

        assertThat(details.get("refunds")).hasSize(1);
        assertThat(money(details.get("refunds").get(0), "amount")).isEqualTo("12.50");
        assertThat(details.get("coupons")).hasSize(1);
        assertThat(details.get("coupons").get(0).get("outcome").stringValue()).isEqualTo("APPLIED");
        assertThat(money(details.get("coupons").get(0), "discount")).isEqualTo("2.50");

        JsonNode carts = EXACT.readTree(rapport.get("/api/v1/carts?userId=" + journey.userId()).body()).get("items");
        assertThat(carts).hasSize(1);
        assertThat(carts.get(0).get("cartId").stringValue()).isEqualTo("cart-" + journey.run());
        assertThat(carts.get(0).get("status").stringValue()).isEqualTo("CONVERTED");
        assertThat(carts.get(0).get("convertedOrderId").stringValue()).isEqualTo(journey.orderId());
        assertThat(carts.get(0).get("items")).hasSize(1);
        assertThat(carts.get(0).get("items").get(0).get("quantity").asInt()).isEqualTo(2);

        CommerceSummary summary = orders.summaryOf(List.of("user:" + journey.userId()));
        assertThat(summary.orders()).isEqualTo(1);
        assertThat(summary.openCarts()).isZero();
        assertThat(summary.lastOrderAt()).isEqualTo(Instant.parse("2026-04-01T10:07:00Z"));
        CommerceSummary.CurrencyTotals eur = summary.byCurrency().getFirst();
        assertThat(eur.currency()).isEqualTo("EUR");
        assertThat(eur.revenue()).isEqualByComparingTo("26.49");
        assertThat(eur.refunded()).isEqualByComparingTo("12.50");
        assertThat(eur.net()).isEqualByComparingTo("13.99");
        assertThat(eur.averageOrderValue()).isEqualByComparingTo("26.49");

        JsonNode found = rapport.get("/api/v1/orders?userId=" + journey.userId() + "&status=partially_refunded").json();
        assertThat(found.get("items")).hasSize(1);
        assertThat(rapport.get("/api/v1/orders?anonymousId=" + journey.anonymousId()).json().get("items")).hasSize(1);
        assertThat(rapport.get("/api/v1/orders?userId=" + journey.userId() + "&status=cancelled").json()
                .get("items")).isEmpty();
    }

    @Test
    void replaying_the_log_does_not_count_anything_twice() {
        Journey journey = sendJourney();
        await().atMost(WAIT).until(() -> order(journey.orderId()),
                o -> o != null && o.get("order").get("affiliation").stringValue().equals("Rapport Outlet"));
        awaitCaughtUp();
        Map<String, Object> before = tallies();
        JsonNode orderBefore = order(journey.orderId());
        JsonNode cartsBefore = rapport.get("/api/v1/carts?userId=" + journey.userId()).json();
        CommerceSummary summaryBefore = orders.summaryOf(List.of("user:" + journey.userId(),
                "anon:" + journey.anonymousId()));

        jdbc.sql("update consumer_checkpoints set position = 0 where consumer = 'commerce.projector'").update();
        awaitCaughtUp();

        assertThat(tallies()).isEqualTo(before);
        assertThat(order(journey.orderId())).isEqualTo(orderBefore);
        assertThat(rapport.get("/api/v1/carts?userId=" + journey.userId()).json()).isEqualTo(cartsBefore);
        assertThat(orders.summaryOf(List.of("user:" + journey.userId(), "anon:" + journey.anonymousId())))
                .isEqualTo(summaryBefore);
    }

    @Test
    void a_cart_left_alone_for_an_hour_is_abandoned_and_a_cart_ordered_is_converted() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String run = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String leaver = "leaver-" + run;
        String buyer = "buyer-" + run;
        String browser = "browser-" + run;
        send(writeKey, leaver, null, "Product Added", now.minus(2, ChronoUnit.HOURS),
                "{\"product_id\":\"p-" + run + "\",\"price\":5,\"quantity\":1}");
        send(writeKey, browser, null, "Product Added", now.minus(1, ChronoUnit.MINUTES),
                "{\"product_id\":\"p-" + run + "\",\"price\":5,\"quantity\":3}");
        send(writeKey, buyer, null, "Product Added", now.minus(10, ChronoUnit.MINUTES),
                "{\"cart_id\":\"bc-" + run + "\",\"product_id\":\"p-" + run + "\",\"price\":5}");
        send(writeKey, buyer, null, "Order Completed", now.minus(5, ChronoUnit.MINUTES),
                "{\"order_id\":\"bo-" + run + "\",\"total\":5,\"currency\":\"EUR\"}");

        assertThat(cartStatus(leaver)).isEqualTo("ABANDONED");
        assertThat(cartStatus(browser)).isEqualTo("ACTIVE");
        assertThat(cartStatus(buyer)).isEqualTo("CONVERTED");
        assertThat(rapport.get("/api/v1/carts?userId=" + browser).json().get("items").get(0).get("items")
                .get(0).get("quantity").asInt()).isEqualTo(3);
        CommerceSummary leaving = orders.summaryOf(List.of("user:" + leaver));
        assertThat(leaving.abandonedCarts()).isEqualTo(1);
        assertThat(leaving.openCarts()).isZero();
        assertThat(orders.summaryOf(List.of("user:" + browser)).openCarts()).isEqualTo(1);
    }

    @Test
    void an_invalid_currency_is_not_stored_as_money_and_a_missing_one_is_the_default() {
        String writeKey = rapport.newSource("SERVER").writeKey();
        String run = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-04-02T10:00:00Z");
        send(writeKey, "u-" + run, null, "Order Completed", at,
                "{\"order_id\":\"bad-" + run + "\",\"total\":10,\"currency\":\"XYZ\"}");
        send(writeKey, "u-" + run, null, "Order Completed", at,
                "{\"order_id\":\"none-" + run + "\",\"total\":\"10.10\"}");
        send(writeKey, "u-" + run, null, "Order Completed", at,
                "{\"order_id\":\"lower-" + run + "\",\"total\":1000,\"currency\":\"jpy\"}");

        JsonNode bad = await().atMost(WAIT).until(() -> order("bad-" + run), o -> o != null).get("order");
        assertThat(bad.get("total").isNull()).isTrue();
        assertThat(bad.get("currency").isNull()).isTrue();
        assertThat(bad.get("problem").stringValue()).contains("ISO-4217");
        assertThat(bad.get("status").stringValue()).isEqualTo("COMPLETED");

        JsonNode none = await().atMost(WAIT).until(() -> order("none-" + run), o -> o != null).get("order");
        assertThat(none.get("currency").stringValue()).isEqualTo("EUR");
        assertThat(money(none, "total")).isEqualTo("10.10");

        JsonNode yen = await().atMost(WAIT).until(() -> order("lower-" + run), o -> o != null).get("order");
        assertThat(yen.get("currency").stringValue()).isEqualTo("JPY");
        assertThat(money(yen, "total")).isEqualTo("1000");

        CommerceSummary summary = orders.summaryOf(List.of("user:u-" + run));
        assertThat(summary.orders()).isEqualTo(3);
        assertThat(summary.byCurrency()).extracting(CommerceSummary.CurrencyTotals::currency)
                .containsExactly("EUR", "JPY");
    }

    @Test
    void malformed_commerce_events_are_skipped_and_never_block_the_projector() {
        String writeKey = rapport.newSource("SERVER").writeKey();
        String run = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-04-03T10:00:00Z");
        List<String> poison = List.of(
                "{\"total\":10}",
                "{\"order_id\":{\"nested\":true},\"total\":10}",
                "{\"order_id\":\"" + "x".repeat(300) + "\"}",
                "{\"order_id\":\"odd-" + run + "\",\"total\":\"ten\",\"tax\":-1,\"products\":\"none\","
                        + "\"shipping\":1e400,\"discount\":123456789012345678901234567890}",
                "{\"order_id\":\"lines-" + run + "\",\"products\":[1,{\"product_id\":[1],\"quantity\":-3,"
                        + "\"price\":\"abc\"},{\"name\":\"" + "n".repeat(5000) + "\",\"quantity\":2.5}]}");
        for (String properties : poison) {
            int status = send(writeKey, "p-" + run, null, "Order Completed", at, properties);
            assertThat(status).isLessThan(500);
        }
        for (String event : List.of("Product Added", "Coupon Applied", "Order Refunded", "Product Viewed")) {
            assertThat(rapport.track("/v1/track", writeKey, """
                    {"userId":"p-%s","event":"%s","properties":{"product_id":{"a":1},"order_id":[],"price":"x",
                     "quantity":"many","currency":7}}""".formatted(run, event)).status()).isLessThan(500);
        }
        send(writeKey, "p-" + run, null, "Order Completed", at.plusSeconds(60),
                "{\"order_id\":\"good-" + run + "\",\"total\":19.99,\"currency\":\"EUR\"}");

        JsonNode good = await().atMost(WAIT).until(() -> order("good-" + run), o -> o != null).get("order");
        assertThat(money(good, "total")).isEqualTo("19.99");
        JsonNode odd = order("odd-" + run).get("order");
        assertThat(odd.get("total").isNull()).isTrue();
        assertThat(odd.get("tax").isNull()).isTrue();
        JsonNode lines = order("lines-" + run).get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("name").stringValue()).hasSize(500);
        assertThat(rapport.get("/api/v1/orders?userId=p-" + run).json().get("items")).hasSize(3);
        assertThat(jdbc.sql("select count(*) from commerce_problems p join events e on e.message_id = p.message_id "
                + "where e.user_id = ?").param("p-" + run).query(Long.class).single()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void the_api_pages_orders_and_products_and_answers_problems() {
        String writeKey = rapport.newSource("SERVER").writeKey();
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            send(writeKey, "pager-" + run, null, "Order Completed", Instant.parse("2026-04-04T10:00:00Z").plusSeconds(i),
                    "{\"order_id\":\"page-" + i + "-" + run + "\",\"total\":1,\"products\":[{\"product_id\":\"pp-" + i
                            + "-" + run + "\",\"price\":1}]}");
        }
        await().atMost(WAIT).until(() -> order("page-2-" + run), o -> o != null);
        JsonNode first = rapport.get("/api/v1/orders?userId=pager-" + run + "&limit=2").json();
        JsonNode second = rapport.get("/api/v1/orders?userId=pager-" + run + "&limit=2&cursor="
                + first.get("next").stringValue()).json();
        List<String> ids = new ArrayList<>();
        first.get("items").forEach(o -> ids.add(o.get("orderId").stringValue()));
        second.get("items").forEach(o -> ids.add(o.get("orderId").stringValue()));
        assertThat(ids).containsExactly("page-2-" + run, "page-1-" + run, "page-0-" + run);
        assertThat(second.get("next").isNull()).isTrue();

        JsonNode products = rapport.get("/api/v1/products?limit=2").json();
        assertThat(products.get("items")).hasSize(2);
        assertThat(products.get("items").get(0).get("productId").stringValue()).isEqualTo("pp-2-" + run);

        assertThat(rapport.get("/api/v1/orders/nothing-" + run).status()).isEqualTo(404);
        RapportClient.Response badStatus = rapport.get("/api/v1/orders?status=lost");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rapport.get("/api/v1/orders?limit=0").status()).isEqualTo(400);
        assertThat(rapport.get("/api/v1/products?cursor=%25%25").status()).isEqualTo(400);
        assertThat(rapport.get("/api/v1/carts").status()).isEqualTo(400);
    }

    @Test
    void the_api_filters_orders_by_status_day_customer_and_order_id_and_the_days_add_up() {
        String writeKey = rapport.newSource("SERVER").writeKey();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "filter-" + run;
        Instant day = Instant.parse("2026-03-10T23:30:00Z");
        for (int i = 0; i < 4; i++) {
            send(writeKey, user, "v-" + run, "Order Completed", day.plus(i, ChronoUnit.DAYS),
                    "{\"order_id\":\"F" + i + "-" + run + "\",\"total\":" + (10 * (i + 1)) + ",\"currency\":\""
                            + (i == 3 ? "USD" : "EUR") + "\"}");
        }
        send(writeKey, user, null, "Order Cancelled", day.plus(5, ChronoUnit.DAYS),
                "{\"order_id\":\"F1-" + run + "\"}");
        await().atMost(WAIT).until(() -> order("F1-" + run), o -> o != null
                && o.get("order").get("status").stringValue().equals("CANCELLED"));
        String customer = await().atMost(WAIT).until(() -> rapport.get("/api/v1/customers?userId=" + user).json()
                .get("items"), items -> items.size() == 1).get(0).get("id").stringValue();

        assertThat(orderIds("customerId=" + customer)).containsExactly("F3-" + run, "F2-" + run, "F1-" + run,
                "F0-" + run);
        assertThat(orderIds("userId=" + user + "&from=2026-03-11&to=2026-03-12"))
                .containsExactly("F2-" + run, "F1-" + run);
        assertThat(orderIds("userId=" + user + "&status=cancelled")).containsExactly("F1-" + run);
        assertThat(orderIds("orderId=F2-" + run)).containsExactly("F2-" + run);
        assertThat(orderIds("anonymousId=v-" + run + "&orderId=F")).hasSize(4);
        JsonNode page = EXACT.readTree(rapport.get("/api/v1/orders?customerId=" + customer + "&limit=3").body());
        assertThat(orderIds("customerId=" + customer + "&limit=3&cursor=" + page.get("next").stringValue()))
                .containsExactly("F0-" + run);
        assertThat(page.get("items").get(0).get("placedAt").stringValue()).isEqualTo("2026-03-13T23:30:00Z");
        assertThat(money(page.get("items").get(0), "value")).isEqualTo("40.00");

        List<Orders.Day> days = orders.daily(new Orders.Filter(List.of("user:" + user), null, null, null, null));
        assertThat(days).extracting(Orders.Day::day).containsExactly(LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-12"),
                LocalDate.parse("2026-03-13"));
        assertThat(days).extracting(Orders.Day::orders).containsExactly(1L, 1L, 1L, 1L);
        assertThat(days.get(0).revenue()).containsEntry("EUR", new BigDecimal("10.00"));
        assertThat(days.get(1).revenue()).as("cancelled orders add no revenue").isEmpty();
        assertThat(days.get(3).revenue()).containsEntry("USD", new BigDecimal("40.00"));

        List<String> documented = new ArrayList<>();
        rapport.get("/v3/api-docs").json().at("/paths/~1api~1v1~1orders/get/parameters")
                .forEach(p -> documented.add(p.get("name").stringValue()));
        assertThat(documented).contains("customerId", "status", "from", "to", "orderId", "limit", "cursor");

        for (String bad : List.of("from=yesterday", "from=2026-03-12&to=2026-03-11", "customerId="
                + UUID.randomUUID(), "status=lost", "cursor=xyz")) {
            RapportClient.Response response = rapport.get("/api/v1/orders?" + bad);
            assertThat(response.status()).as(bad).isIn(400, 404);
            assertThat(response.header("Content-Type")).as(bad).startsWith("application/problem+json");
        }
    }

    private List<String> orderIds(String query) {
        List<String> ids = new ArrayList<>();
        rapport.get("/api/v1/orders?" + query).json().get("items")
                .forEach(o -> ids.add(o.get("orderId").stringValue()));
        return ids;
    }

    private record Journey(String run, String userId, String anonymousId, String orderId) {
    }

    /** Viewed, added twice, removed, checkout, payment, coupon, completed, partly refunded, updated. */
    private Journey sendJourney() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String run = UUID.randomUUID().toString();
        Journey journey = new Journey(run, "shopper-" + run, "visitor-" + run, "order-" + run);
        String cart = "\"cart_id\":\"cart-" + run + "\"";
        String mug = "\"product_id\":\"mug-" + run + "\",\"sku\":\"MUG-1\",\"name\":\"Mug\",\"category\":\"Kitchen\","
                + "\"brand\":\"Rapport\",\"variant\":\"blue\",\"price\":12.50";
        String spoon = "\"product_id\":\"spoon-" + run + "\",\"name\":\"Spoon\",\"price\":7.25";
        String order = "\"order_id\":\"" + journey.orderId() + "\"";
        Instant t = Instant.parse("2026-04-01T10:00:00Z");
        String u = journey.userId();
        String a = journey.anonymousId();
        send(writeKey, u, a, "Product Viewed", t, "{" + mug + ",\"currency\":\"EUR\",\"url\":\"https://shop/mug\","
                + "\"image_url\":\"https://shop/mug.png\"}");
        send(writeKey, u, a, "Product Added", t.plusSeconds(60), "{" + cart + "," + mug + ",\"quantity\":2}");
        send(writeKey, u, a, "Product Added", t.plusSeconds(120), "{" + cart + "," + spoon + ",\"quantity\":1}");
        send(writeKey, u, a, "Product Removed", t.plusSeconds(180), "{" + cart + "," + spoon + ",\"quantity\":1}");
        send(writeKey, u, a, "Checkout Started", t.plusSeconds(240), "{" + order + ",\"currency\":\"EUR\","
                + "\"products\":[{" + mug + ",\"quantity\":2}]}");
        send(writeKey, u, a, "Payment Info Entered", t.plusSeconds(300), "{\"checkout_id\":\"co-" + run + "\","
                + order + ",\"payment_method\":\"card\"}");
        send(writeKey, u, a, "Coupon Applied", t.plusSeconds(360), "{" + order + "," + cart
                + ",\"coupon_id\":\"SPRING\",\"coupon_name\":\"Spring sale\",\"discount\":2.50}");
        send(writeKey, u, a, "Order Completed", t.plusSeconds(420), "{" + order + ",\"checkout_id\":\"co-" + run
                + "\",\"affiliation\":\"Rapport Shop\",\"total\":27.49,\"subtotal\":25.00,\"revenue\":22.50,"
                + "\"shipping\":4.99,\"tax\":4.23,\"discount\":2.50,\"coupon\":\"SPRING\",\"currency\":\"EUR\","
                + "\"products\":[{" + mug + ",\"quantity\":2}]}");
        send(writeKey, u, a, "Order Refunded", t.plusSeconds(480), "{" + order + ",\"total\":12.50,"
                + "\"currency\":\"EUR\"}");
        send(writeKey, u, a, "Order Updated", t.plusSeconds(540), "{" + order + ",\"affiliation\":\"Rapport Outlet\","
                + "\"shipping\":3.99,\"total\":26.49}");
        return journey;
    }

    private int send(String writeKey, String userId, String anonymousId, String event, Instant at, String properties) {
        String body = "{\"userId\":\"" + userId + "\"" + (anonymousId == null ? "" : ",\"anonymousId\":\""
                + anonymousId + "\"") + ",\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\",\"properties\":"
                + properties + "}";
        RapportClient.Response response = rapport.track("/v1/track", writeKey, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.status();
    }

    private JsonNode order(String orderId) {
        RapportClient.Response response = rapport.get("/api/v1/orders/" + orderId);
        return response.status() == 200 ? EXACT.readTree(response.body()) : null;
    }

    private String cartStatus(String anonymousOrUserId) {
        return await().atMost(WAIT).until(() -> {
            JsonNode items = rapport.get("/api/v1/carts?userId=" + anonymousOrUserId + "&anonymousId="
                    + anonymousOrUserId).json().get("items");
            return items.isEmpty() ? null : items.get(0).get("status").stringValue();
        }, status -> status != null && (!anonymousOrUserId.startsWith("buyer") || status.equals("CONVERTED")));
    }

    private static String money(JsonNode node, String field) {
        return node.get(field).decimalValue().toPlainString();
    }

    private void awaitCaughtUp() {
        long head = jdbc.sql("select coalesce(max(seq), 0) from events").query(Long.class).single();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select position from consumer_checkpoints where consumer = 'commerce.projector'")
                .query(Long.class).single() >= head);
    }

    /** Row counts and sums of every commerce table. */
    private Map<String, Object> tallies() {
        return Map.of(
                "orders", jdbc.sql("select count(*) || '/' || coalesce(sum(total), 0) || '/' || count(completed_at) "
                        + "from commerce_orders").query(String.class).single(),
                "lines", jdbc.sql("select count(*) || '/' || coalesce(sum(quantity), 0) from commerce_order_lines")
                        .query(String.class).single(),
                "refunds", jdbc.sql("select count(*) || '/' || coalesce(sum(amount), 0) from commerce_refunds")
                        .query(String.class).single(),
                "coupons", jdbc.sql("select count(*) || '/' || coalesce(sum(discount), 0) from commerce_coupons")
                        .query(String.class).single(),
                "carts", jdbc.sql("select count(*) || '/' || count(converted_at) from commerce_carts")
                        .query(String.class).single(),
                "cartEvents", jdbc.sql("select count(*) || '/' || coalesce(sum(quantity), 0) from commerce_cart_events")
                        .query(String.class).single(),
                "products", jdbc.sql("select count(*) || '/' || coalesce(sum(price), 0) from commerce_products")
                        .query(String.class).single(),
                "statuses", jdbc.sql("select status || ':' || count(*) from commerce_orders group by status "
                        + "order by status").query(String.class).list());
    }
}
