package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * Cart abandonment on a hand-computed fixture in March 2003 (days no other test uses); "other" is the server
 * source's channel, "web" the web source's:
 * <pre>
 * A  other  03-03 10:00 add 2 × 10 EUR, 11:00 add 5 EUR (cart_id)   ordered 12:30 (1.5 h after the last add → 2 h)
 * B  other  03-03 09:00 add 30 EUR (no cart_id)                      ordered 09:30 (→ 1 h)
 * C  other  03-03 08:00 add 100 USD                                  never ordered
 * D  other  03-04 10:00 add 7 EUR                                    ordered 03-06 10:00 (→ 48 h)
 * E  web    03-04 12:00 add 50 USD                                   never ordered
 * F  other  03-05 09:00 ordered, 10:00 add 12 EUR                    the earlier order converts nothing
 * </pre>
 */
@RapportTest
class CartAbandonmentTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private static boolean tracked;

    @BeforeEach
    void fixture() {
        if (tracked) {
            return;
        }
        tracked = true;
        RapportClient.TestSource server = rapport.newSource("SERVER");
        RapportClient.TestSource web = rapport.newSource("WEB");
        CommerceEvents.track(rapport, ingest, server.writeKey(), List.of(
                added("A", "a", "2003-03-03T10:00:00Z", 10, 2, "EUR"), added("A", "a", "2003-03-03T11:00:00Z", 5, 1, "EUR"),
                added("B", null, "2003-03-03T09:00:00Z", 30, 1, "EUR"), added("C", null, "2003-03-03T08:00:00Z", 100, 1, "USD"),
                ordered("A", "a", "2003-03-03T12:30:00Z"), ordered("B", null, "2003-03-03T09:30:00Z"),
                added("D", null, "2003-03-04T10:00:00Z", 7, 1, "EUR"), ordered("D", null, "2003-03-06T10:00:00Z"),
                ordered("F", null, "2003-03-05T09:00:00Z"), added("F", null, "2003-03-05T10:00:00Z", 12, 1, "EUR")));
        CommerceEvents.track(rapport, ingest, web.writeKey(), List.of(
                added("E", null, "2003-03-04T12:00:00Z", 50, 1, "USD")));
    }

    @Test
    void carts_not_converted_within_the_window_are_abandoned_with_their_value_per_currency() {
        JsonNode total = report("groupBy=day&hours=2").get("total");

        assertThat(total.get("carts").asLong()).isEqualTo(6);
        assertThat(total.get("converted").asLong()).isEqualTo(2);
        assertThat(total.get("abandoned").asLong()).isEqualTo(4);
        assertThat(total.get("open").asLong()).isZero();
        assertThat(total.get("rate").get("value").asDouble()).isCloseTo(66.667, org.assertj.core.data.Offset.offset(0.001));
        assertThat(CommerceEvents.amounts(total.get("abandonedValue"))).isEqualTo("EUR 19.00; USD 150.00");
    }

    @Test
    void any_window_in_hours_is_answered_from_the_same_counts() {
        JsonNode oneHour = report("hours=1").get("total");
        JsonNode twoDays = report("hours=48").get("total");
        JsonNode byDefault = report("").get("total");

        assertThat(oneHour.get("abandoned").asLong()).isEqualTo(5);
        assertThat(CommerceEvents.amounts(oneHour.get("abandonedValue"))).isEqualTo("EUR 44.00; USD 150.00");
        assertThat(twoDays.get("abandoned").asLong()).isEqualTo(3);
        assertThat(twoDays.get("rate").get("value").asDouble()).isEqualTo(50.0);
        assertThat(CommerceEvents.amounts(twoDays.get("abandonedValue"))).isEqualTo("EUR 12.00; USD 150.00");
        // rapport.commerce.cart-abandoned-after is PT1H.
        assertThat(byDefault.get("abandoned").asLong()).isEqualTo(5);
        assertThat(report("").get("hours").asInt()).isEqualTo(1);
    }

    @Test
    void the_series_lists_every_day_of_creation_and_the_channels_split_the_total() {
        JsonNode report = report("groupBy=day&hours=2");

        assertThat(points(report.get("series"))).containsExactly("2003-03-03 3/1", "2003-03-04 2/2", "2003-03-05 1/1",
                "2003-03-06 0/0", "2003-03-07 0/0", "2003-03-08 0/0", "2003-03-09 0/0");
        assertThat(points(report.get("channels"))).containsExactly("other 5/3", "web 1/1");
        assertThat(points(report("groupBy=week&hours=2&channel=web").get("series"))).containsExactly("2003-03-03 1/1");
    }

    @Test
    void carts_whose_window_has_not_closed_are_open_and_not_counted() {
        RapportClient.TestSource phone = rapport.newSource("PHONE");
        Instant threeHoursAgo = Instant.now().minus(3, ChronoUnit.HOURS);
        CommerceEvents.track(rapport, ingest, phone.writeKey(), List.of(added("G", null, threeHoursAgo.toString(), 9, 1,
                "EUR")));
        LocalDate day = LocalDate.ofInstant(threeHoursAgo, ZoneOffset.UTC);
        String span = "/api/v1/metrics/abandonment?channel=phone&from=" + day + "&to=" + day.plusDays(1);

        JsonNode closed = rapport.get(span + "&hours=2").json().get("total");
        JsonNode open = rapport.get(span + "&hours=5").json().get("total");

        assertThat(closed.get("carts").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(open.get("carts").asLong()).isEqualTo(closed.get("carts").asLong() - 1);
        assertThat(open.get("open").asLong()).isEqualTo(closed.get("open").asLong() + 1);
    }

    @Test
    void an_open_cart_is_left_out_of_the_days_before_its_creation() {
        RapportClient.TestSource phone = rapport.newSource("PHONE");
        Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
        CommerceEvents.track(rapport, ingest, phone.writeKey(), List.of(added("H", null, twoHoursAgo.toString(), 4, 1,
                "EUR")));
        LocalDate day = LocalDate.ofInstant(twoHoursAgo, ZoneOffset.UTC);

        JsonNode itsDays = rapport.get("/api/v1/metrics/abandonment?channel=phone&hours=5&from=" + day + "&to="
                + day.plusDays(1)).json().get("total");
        JsonNode before = rapport.get("/api/v1/metrics/abandonment?channel=phone&hours=5&from=" + day.minusDays(7)
                + "&to=" + day.minusDays(1)).json().get("total");

        assertThat(itsDays.get("open").asLong()).isPositive();
        assertThat(before.get("open").asLong()).isZero();
        assertThat(before.get("carts").asLong()).isNotNegative();
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        for (String[] bad : new String[][] {{"hours=0", "hours"}, {"hours=721", "hours"}, {"hours=two", "hours"},
                {"groupBy=survey", "groupBy"}, {"groupBy=year", "groupBy"}, {"from=March", "from"},
                {"from=2003-03-09&to=2003-03-01", "to"}, {"from=1990-01-01&to=2003-03-09", "from"}}) {
            RapportClient.Response response = rapport.get("/api/v1/metrics/abandonment?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.json().get("field").stringValue()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private JsonNode report(String query) {
        RapportClient.Response response = rapport.get("/api/v1/metrics/abandonment?from=2003-03-03&to=2003-03-09&"
                + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** "key carts/abandoned" per point. */
    private static List<String> points(JsonNode points) {
        List<String> lines = new ArrayList<>();
        points.forEach(p -> lines.add(p.get("key").stringValue() + " " + p.get("carts").asLong() + "/"
                + p.get("abandoned").asLong()));
        return lines;
    }

    private String added(String person, String cart, String at, int price, int quantity, String currency) {
        return """
                {"type":"track","event":"Product Added","userId":"%s-%s","messageId":"%s","timestamp":"%s",
                 "properties":{%s"product_id":"p-%s","price":%d,"quantity":%d,"currency":"%s"}}""".formatted(person, run,
                UUID.randomUUID(), at, cart == null ? "" : "\"cart_id\":\"" + cart + "-" + run + "\",", person, price,
                quantity, currency);
    }

    private String ordered(String person, String cart, String at) {
        return """
                {"type":"track","event":"Order Completed","userId":"%s-%s","messageId":"%s","timestamp":"%s",
                 "properties":{%s"order_id":"o-%s-%s","total":1,"currency":"EUR"}}""".formatted(person, run,
                UUID.randomUUID(), at, cart == null ? "" : "\"cart_id\":\"" + cart + "-" + run + "\",", person, run);
    }
}
