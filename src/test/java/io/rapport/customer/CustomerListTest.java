package io.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The customer list API: filters that combine, current trait values, and cursor pages that show everyone once. */
@RapportTest
class CustomerListTest {

    @Autowired
    RapportClient rapport;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void paging_with_a_cursor_shows_every_customer_exactly_once_newest_first() {
        String writeKey = rapport.newSource("WEB").writeKey();
        int customers = 23;
        send(writeKey, IntStream.range(0, customers).mapToObj(i -> identify("u" + i, "{\"run\":\"" + run + "\"}",
                "2026-05-01T10:00:00Z")).toList());
        List<String> all = ids(awaitList("trait.run=" + run + "&limit=1000", customers));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = rapport.get("/api/v1/customers?trait.run=" + run + "&limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(5);
            paged.addAll(ids(page.get("items")));
            cursor = page.path("next").isString() ? page.get("next").stringValue() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(paged).hasSize(customers).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        // Newest first: a customer created later comes before those created earlier.
        send(writeKey, List.of(identify("late", "{\"run\":\"" + run + "\"}", "2026-05-01T10:00:00Z")));
        List<String> after = ids(awaitList("trait.run=" + run + "&limit=1000", customers + 1));
        assertThat(userIdOf(rapport.get("/api/v1/customers?trait.run=" + run + "&limit=1").json().get("items").get(0)))
                .isEqualTo(run + "-late");
        assertThat(after.subList(1, after.size())).containsExactlyElementsOf(all);
    }

    @Test
    void a_trait_filter_compares_the_current_value_numbers_as_numbers_and_booleans_as_words() {
        String writeKey = rapport.newSource("WEB").writeKey();
        send(writeKey, List.of(
                identify("ana", "{\"run\":\"" + run + "\",\"plan\":\"gold\",\"age\":42,\"vip\":true}",
                        "2026-05-01T10:00:00Z"),
                identify("bob", "{\"run\":\"" + run + "\",\"plan\":\"gold\",\"age\":\"42.0\",\"vip\":false}",
                        "2026-05-01T10:00:00Z"),
                // Bob's plan changes later: his current plan is silver.
                identify("bob", "{\"plan\":\"silver\"}", "2026-05-02T10:00:00Z"),
                identify("carl", "{\"run\":\"" + run + "\",\"plan\":\"Gold\",\"age\":41.5}", "2026-05-01T10:00:00Z")));
        awaitList("trait.run=" + run + "&trait.plan=silver", 1);

        assertThat(userIds("trait.run=" + run + "&trait.plan=gold")).containsExactly(run + "-ana");
        assertThat(userIds("trait.run=" + run + "&trait.age=42")).containsExactlyInAnyOrder(run + "-ana", run + "-bob");
        assertThat(userIds("trait.run=" + run + "&trait.age=42.00")).containsExactlyInAnyOrder(run + "-ana", run + "-bob");
        assertThat(userIds("trait.run=" + run + "&trait.age=41.5")).containsExactly(run + "-carl");
        assertThat(userIds("trait.run=" + run + "&trait.vip=true")).containsExactly(run + "-ana");
        assertThat(userIds("trait.run=" + run + "&trait.vip=false")).containsExactly(run + "-bob");
        assertThat(userIds("trait.run=" + run + "&trait.plan=Gold")).containsExactly(run + "-carl");
        assertThat(userIds("trait.run=" + run + "&trait.nothing=x")).isEmpty();
    }

    @Test
    void the_current_value_is_the_newest_over_all_of_the_customers_identifiers() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String visitor = run + "-visitor";
        send(writeKey, List.of(
                "{\"type\":\"identify\",\"anonymousId\":\"" + visitor + "\",\"traits\":{\"plan\":\"trial\",\"run\":\""
                        + run + "\"},\"timestamp\":\"2026-05-03T10:00:00Z\"}",
                identify("dora", "{\"plan\":\"pro\",\"run\":\"" + run + "\"}", "2026-05-01T10:00:00Z")));
        awaitList("trait.run=" + run + "&trait.plan=trial", 1);
        awaitList("trait.run=" + run + "&trait.plan=pro", 1);

        // The visitor signs in as Dora: one customer, whose newest plan is the visitor's.
        send(writeKey, List.of("{\"type\":\"identify\",\"anonymousId\":\"" + visitor + "\",\"userId\":\"" + run
                + "-dora\",\"timestamp\":\"2026-05-04T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> userIds("trait.run=" + run).size() == 1);
        assertThat(userIds("trait.run=" + run + "&trait.plan=trial")).containsExactly(run + "-dora");
        assertThat(userIds("trait.run=" + run + "&trait.plan=pro")).isEmpty();
    }

    @Test
    void search_identifiers_seen_times_channels_and_orders_combine() {
        String web = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("IOS").writeKey();
        send(web, List.of(
                identify("eve", "{\"run\":\"" + run + "\",\"email\":\"eve-" + run + "@example.com\",\"name\":\"Eve "
                        + "Adams\"}", "2026-06-01T10:00:00Z"),
                identify("finn", "{\"run\":\"" + run + "\",\"name\":\"Finn Adams\"}", "2026-06-01T10:00:00Z"),
                identify("gus", "{\"run\":\"" + run + "\",\"name\":\"Gus Brown\"}", "2026-06-01T10:00:00Z"),
                order("eve", "o1", "30.00", "EUR", "2026-06-02T10:00:00Z"),
                order("eve", "o2", "25.50", "EUR", "2026-06-03T10:00:00Z"),
                order("finn", "o3", "80.00", "USD", "2026-06-02T10:00:00Z")));
        send(app, List.of("{\"type\":\"screen\",\"userId\":\"" + run + "-gus\",\"name\":\"Home\","
                + "\"timestamp\":\"2026-09-01T10:00:00Z\"}"));
        awaitList("trait.run=" + run + "&channel=app", 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> userIds("trait.run=" + run + "&minOrders=1").size() == 2);

        assertThat(userIds("trait.run=" + run + "&q=adams")).containsExactlyInAnyOrder(run + "-eve", run + "-finn");
        assertThat(userIds("q=" + run + "-fi")).containsExactly(run + "-finn");
        assertThat(userIds("email=EVE-" + run + "@example.com")).containsExactly(run + "-eve");
        assertThat(userIds("userId=" + run + "-gus")).containsExactly(run + "-gus");
        assertThat(userIds("userId=" + run + "-gus&trait.run=other")).isEmpty();
        assertThat(userIds("userId=nobody-" + run)).isEmpty();
        assertThat(userIds("trait.run=" + run + "&channel=web")).containsExactlyInAnyOrder(run + "-eve", run + "-finn",
                run + "-gus");
        assertThat(userIds("trait.run=" + run + "&channel=APP")).containsExactly(run + "-gus");
        assertThat(userIds("trait.run=" + run + "&lastSeenAfter=2026-08-01")).containsExactly(run + "-gus");
        assertThat(userIds("trait.run=" + run + "&lastSeenAfter=2026-06-03T10:00:00Z&lastSeenBefore=2026-06-04"))
                .containsExactly(run + "-eve");
        assertThat(userIds("trait.run=" + run + "&minOrders=2")).containsExactly(run + "-eve");
        assertThat(userIds("trait.run=" + run + "&minRevenue=55.5&currency=eur")).containsExactly(run + "-eve");
        assertThat(userIds("trait.run=" + run + "&minRevenue=55.51&currency=EUR")).isEmpty();
        assertThat(userIds("trait.run=" + run + "&minRevenue=50&currency=USD")).containsExactly(run + "-finn");
        assertThat(userIds("trait.run=" + run + "&q=adams&minOrders=1&channel=web&lastSeenAfter=2026-06-02"))
                .containsExactlyInAnyOrder(run + "-eve", run + "-finn");
    }

    @Test
    void an_anonymous_visitors_orders_count_for_the_customer_they_become() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String visitor = run + "-hal-visitor";
        send(writeKey, List.of(
                "{\"type\":\"track\",\"anonymousId\":\"" + visitor + "\",\"event\":\"Order Completed\",\"properties\":"
                        + "{\"order_id\":\"" + run + "-o5\",\"total\":40,\"currency\":\"EUR\"}}",
                identify("hal", "{\"run\":\"" + run + "\"}", "2026-06-01T10:00:00Z"),
                order("hal", "o6", "2.00", "EUR", "2026-06-02T10:00:00Z")));
        awaitList("trait.run=" + run + "&minOrders=1", 1);
        assertThat(userIds("trait.run=" + run + "&minOrders=2")).isEmpty();

        send(writeKey, List.of("{\"type\":\"identify\",\"anonymousId\":\"" + visitor + "\",\"userId\":\"" + run
                + "-hal\"}"));
        awaitList("trait.run=" + run + "&minOrders=2", 1);
        assertThat(userIds("trait.run=" + run + "&minRevenue=42&currency=EUR")).containsExactly(run + "-hal");
        assertThat(userIds("trait.run=" + run + "&minRevenue=42.01&currency=EUR")).isEmpty();
    }

    @Test
    void a_bad_parameter_is_a_problem_that_names_it() {
        for (String[] bad : List.of(
                new String[] {"limit=0", "limit"}, new String[] {"limit=1001", "limit"},
                new String[] {"limit=many", "limit"}, new String[] {"q=a", "q"},
                new String[] {"email=not-an-email", "email"}, new String[] {"colour=red", "colour"},
                new String[] {"trait.=x", "trait."}, new String[] {"channel=fax", "channel"},
                new String[] {"minRevenue=10", "currency"}, new String[] {"currency=EUR", "currency"},
                new String[] {"minOrders=-1", "minOrders"}, new String[] {"minOrders=1.5", "minOrders"},
                new String[] {"lastSeenAfter=yesterday", "lastSeenAfter"}, new String[] {"cursor=%21%21", "cursor"},
                new String[] {"userId=a&userId=b", "userId"},
                new String[] {"trait.plan=" + "x".repeat(501), "trait.plan"})) {
            RapportClient.Response response = rapport.get("/api/v1/customers?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(bad[0]).startsWith("application/problem+json");
            assertThat(response.json().get("field").stringValue()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(response.json().get("detail").stringValue()).as(bad[0]).isNotBlank();
        }
    }

    @Test
    void the_openapi_description_names_every_list_parameter() {
        JsonNode list = rapport.get("/v3/api-docs", "none").json().get("paths").get("/api/v1/customers").get("get");
        List<String> names = new ArrayList<>();
        list.get("parameters").forEach(parameter -> names.add(parameter.get("name").stringValue()));

        assertThat(names).containsExactlyInAnyOrder("q", "email", "userId", "anonymousId", "trait.<name>",
                "lastSeenAfter", "lastSeenBefore", "channel", "minOrders", "minRevenue", "currency", "limit", "cursor");
        assertThat(list.get("description").stringValue()).contains("newest first", "1 to 1000", "exactly once");
    }

    private String identify(String user, String traits, String timestamp) {
        return "{\"type\":\"identify\",\"userId\":\"" + run + "-" + user + "\",\"traits\":" + traits
                + ",\"timestamp\":\"" + timestamp + "\"}";
    }

    private String order(String user, String orderId, String total, String currency, String timestamp) {
        return "{\"type\":\"track\",\"userId\":\"" + run + "-" + user + "\",\"event\":\"Order Completed\","
                + "\"properties\":{\"order_id\":\"" + run + "-" + orderId + "\",\"total\":" + total + ",\"currency\":\""
                + currency + "\"},\"timestamp\":\"" + timestamp + "\"}";
    }

    private void send(String writeKey, List<String> messages) {
        RapportClient.Response response = rapport.track("/v1/batch", writeKey, "{\"batch\":["
                + String.join(",", messages) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonNode awaitList(String query, int size) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?" + query).json()
                .get("items"), items -> items.size() == size);
    }

    private List<String> userIds(String query) {
        RapportClient.Response response = rapport.get("/api/v1/customers?" + query.replace("@", URLEncoder.encode("@",
                StandardCharsets.UTF_8)));
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        List<String> userIds = new ArrayList<>();
        response.json().get("items").forEach(customer -> userIds.add(userIdOf(customer)));
        return userIds;
    }

    private static String userIdOf(JsonNode customer) {
        for (JsonNode identity : customer.get("identities")) {
            if (identity.get("type").stringValue().equals("USER_ID")) {
                return identity.get("value").stringValue();
            }
        }
        return "";
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(customer -> ids.add(customer.get("id").stringValue()));
        return ids;
    }
}
