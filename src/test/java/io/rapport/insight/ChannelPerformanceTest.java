package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Channel performance on a hand-computed fixture in 2004 (days no other test uses). P1 and P2 come through a web
 * source, P3 and P4 through a server source ("other"):
 * <pre>
 * P1  04-05 10:00 page tagged spring/news/email, 11:00 Product Viewed, 12:00 order 100 EUR, 13:00 page
 *     04-06 12:00 order 50 EUR (spring: its touch was a day before)
 * P2  04-05 09:00 page, 04-06 10:00 page (never tagged)
 * P3  03-01 event tagged old/ads/cpc; 04-05 15:00 order of revenue 30 USD, completed again at 16:00 (counts once;
 *     the touch is 35 days old: (none))
 * P4  04-06 event tagged spring/news/email, 04-20 order of 2 × 10 EUR in products (spring, 14 days later)
 * </pre>
 */
@RapportTest
class ChannelPerformanceTest {

    private static final String SPRING = "{\"name\":\"spring\",\"source\":\"news\",\"medium\":\"email\"}";

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static String webSource = "";
    private static String serverSource = "";

    @BeforeEach
    void fixture() {
        if (!webSource.isEmpty()) {
            return;
        }
        JsonNode web = rapport.createSource("WEB");
        JsonNode server = rapport.createSource("SERVER");
        CommerceEvents.track(rapport, ingest, web.get("writeKey").stringValue(), List.of(
                page("P2", "2004-04-05T09:00:00Z", null), page("P1", "2004-04-05T10:00:00Z", SPRING),
                track("P1", "Product Viewed", "2004-04-05T11:00:00Z", "{}", null),
                track("P1", "Order Completed", "2004-04-05T12:00:00Z", order("p1-1", "\"total\":100"), null),
                page("P1", "2004-04-05T13:00:00Z", null), page("P2", "2004-04-06T10:00:00Z", null),
                track("P1", "Order Completed", "2004-04-06T12:00:00Z", order("p1-2", "\"total\":50"), null)));
        CommerceEvents.track(rapport, ingest, server.get("writeKey").stringValue(), List.of(
                track("P3", "Product Viewed", "2004-03-01T10:00:00Z", "{}",
                        "{\"name\":\"old\",\"source\":\"ads\",\"medium\":\"cpc\"}"),
                track("P3", "Order Completed", "2004-04-05T15:00:00Z", order("p3-1", "\"revenue\":30,\"currency\":\"USD\""),
                        null),
                track("P3", "Order Completed", "2004-04-05T16:00:00Z", order("p3-1", "\"revenue\":30,\"currency\":\"USD\""),
                        null),
                track("P4", "Product Viewed", "2004-04-06T10:00:00Z", "{}", SPRING),
                track("P4", "Order Completed", "2004-04-20T10:00:00Z",
                        order("p4-1", "\"products\":[{\"product_id\":\"x\",\"price\":10,\"quantity\":2}]"), null)));
        webSource = web.get("name").stringValue();
        serverSource = server.get("name").stringValue();
    }

    @Test
    void channels_count_each_person_once_a_day_with_orders_revenue_and_average_order_value() {
        assertThat(rows("channel")).containsExactly(
                "web visits=4 buyers=2 orders=2 rate=50.0 revenue=EUR 150.00 aov=EUR 75.00",
                "other visits=3 buyers=2 orders=2 rate=66.67 revenue=EUR 20.00; USD 30.00 "
                        + "aov=EUR 20.00; USD 30.00");
    }

    @Test
    void sources_are_the_tracking_sources_by_name() {
        assertThat(rows("source")).containsExactly(
                webSource + " visits=4 buyers=2 orders=2 rate=50.0 revenue=EUR 150.00 aov=EUR 75.00",
                serverSource + " visits=3 buyers=2 orders=2 rate=66.67 revenue=EUR 20.00; USD 30.00 "
                        + "aov=EUR 20.00; USD 30.00");
    }

    @Test
    void visits_and_orders_belong_to_the_last_campaign_touch_within_30_days() {
        assertThat(rows("campaign")).containsExactly(
                "spring / news / email visits=4 buyers=3 orders=3 rate=75.0 revenue=EUR 170.00 aov=EUR 56.67",
                "(none) visits=3 buyers=1 orders=1 rate=33.33 revenue=USD 30.00 aov=USD 30.00");
    }

    @Test
    void an_export_lists_a_persons_rows_and_an_erasure_deletes_them_but_the_daily_counts_stay() {
        RapportClient.TestSource source = rapport.newSource("WEB");
        CommerceEvents.track(rapport, ingest, source.writeKey(), List.of(
                page("P5", "2004-06-01T10:00:00Z", SPRING),
                track("P5", "Order Completed", "2004-06-01T11:00:00Z", order("p5-1", "\"total\":5"), null)));
        String customer = await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?userId=P5-"
                + RUN).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();

        RapportClient.Response export = rapport.get("/api/v1/customers/" + customer + "/export", RapportClient.ADMIN_KEY);
        RapportClient.Response erased = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customers/" + customer))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode exported = export.json().get("modules").get("insight");
        assertThat(exported.get("visits")).hasSize(3);
        assertThat(exported.get("campaignTouches").get(0).get("campaign").stringValue())
                .isEqualTo("spring / news / email");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode counts = erased.json().get("counts").get("insight");
        assertThat(counts.get("insight_channel_people").asLong()).isEqualTo(3);
        assertThat(counts.get("insight_campaign_touches").asLong()).isEqualTo(1);
        assertThat(counts.get("insight_channel_orders").asLong()).isEqualTo(1);
        JsonNode campaigns = rapport.get("/api/v1/metrics/channels?by=campaign&from=2004-06-01&to=2004-06-01").json();
        assertThat(campaigns.get("rows").get(0).get("orders").asLong()).isEqualTo(1);
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        for (String[] bad : new String[][] {{"by=device", "by"}, {"from=April", "from"},
                {"from=2004-04-30&to=2004-04-01", "to"}}) {
            RapportClient.Response response = rapport.get("/api/v1/metrics/channels?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.json().get("field").stringValue()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private List<String> rows(String by) {
        RapportClient.Response response = rapport.get("/api/v1/metrics/channels?from=2004-04-01&to=2004-04-30&by=" + by);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        response.json().get("rows").forEach(r -> rows.add(r.get("value").stringValue() + " visits="
                + r.get("visits").asLong() + " buyers=" + r.get("buyers").asLong() + " orders=" + r.get("orders").asLong()
                + " rate=" + Math.round(r.get("conversionRate").get("value").asDouble() * 100) / 100.0
                + " revenue=" + CommerceEvents.amounts(r.get("revenue")) + " aov="
                + CommerceEvents.amounts(r.get("averageOrderValue"))));
        return rows;
    }

    private static String order(String id, String money) {
        return "{\"order_id\":\"" + id + "-" + RUN + "\"," + money + "}";
    }

    private static String page(String person, String at, String campaign) {
        return message("page", "\"name\":\"Home\"", person, at, campaign);
    }

    private static String track(String person, String event, String at, String properties, String campaign) {
        return message("track", "\"event\":\"" + event + "\",\"properties\":" + properties, person, at, campaign);
    }

    private static String message(String type, String body, String person, String at, String campaign) {
        return "{\"type\":\"" + type + "\"," + body + ",\"userId\":\"" + person + "-" + RUN + "\",\"messageId\":\""
                + UUID.randomUUID() + "\",\"timestamp\":\"" + at + "\""
                + (campaign == null ? "" : ",\"context\":{\"campaign\":" + campaign + "}") + "}";
    }
}
