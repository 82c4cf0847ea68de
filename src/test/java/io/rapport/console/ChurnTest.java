package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.platform.ApiKeys;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Churn through the API and the console, on purchases tracked as orders. In 2001 a hand-computed fixture for the
 * simple mode (purchase days; the gaps between consecutive ones in brackets):
 * <pre>
 * A: Jan 1, Jan 11, Jan 31 (10, 20)   B: Jan 5, Feb 4 (30)    C: Jan 10, Mar 21 (70)   D: Feb 1, Mar 10 (37)
 * E: Mar 1, Mar 6 (5)                 F: Mar 20               G: Mar 28
 * </pre>
 * and in 2003 forty customers drawn at random (seed 2003) for the model mode, whose P(alive) is checked against the
 * likelihood terms of Fader, Hardie &amp; Lee (2005) computed here with Commons Math.
 */
@RapportTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnTest {

    private static final String SIMPLE = "/api/v1/metrics/churn?mode=simple&from=2001-01-01&to=2001-03-31";
    private static final String MODEL = "/api/v1/metrics/churn?mode=model&from=2003-07-01&to=2003-12-31";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("churn").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    Users users;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    /** Every fixture customer's purchase days, by user id. */
    private final Map<String, TreeSet<LocalDate>> purchases = new LinkedHashMap<>();

    @BeforeAll
    void trackTheOrders() {
        buy("A", "2001-01-01", "2001-01-11", "2001-01-31");
        buy("B", "2001-01-05", "2001-02-04");
        buy("C", "2001-01-10", "2001-03-21");
        buy("D", "2001-02-01", "2001-03-10");
        buy("E", "2001-03-01", "2001-03-06");
        buy("F", "2001-03-20");
        buy("G", "2001-03-28");
        SplittableRandom random = new SplittableRandom(2003);
        for (int i = 0; i < 40; i++) {
            LocalDate day = LocalDate.of(2003, 1, 1).plusDays(random.nextInt(200));
            List<String> days = new ArrayList<>(List.of(day.toString()));
            int repeats = random.nextInt(6);
            for (int k = 0; k < repeats; k++) {
                day = day.plusDays(3 + random.nextInt(60));
                if (day.getYear() > 2003) {
                    break;
                }
                days.add(day.toString());
            }
            buy("M" + i, days.toArray(String[]::new));
        }
        RapportClient.TestSource source = rapport.newSource("SERVER");
        List<String> messages = new ArrayList<>();
        purchases.forEach((person, days) -> days.forEach(day -> messages.add("""
                {"type":"track","event":"Order Completed","userId":"%s","messageId":"%s",
                 "timestamp":"%sT12:00:00Z","properties":{"order_id":"%s-%s","total":10,"currency":"EUR"}}"""
                .formatted(person, UUID.randomUUID(), day, person, day))));
        for (int i = 0; i < messages.size(); i += 100) {
            RapportClient.Response response = rapport.track("/v1/batch", source.writeKey(), "{\"batch\":["
                    + String.join(",", messages.subList(i, Math.min(messages.size(), i + 100))) + "]}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        ImportUploads.waitForConsumers(ingest, Duration.ofMinutes(2));
    }

    private void buy(String person, String... days) {
        TreeSet<LocalDate> set = purchases.computeIfAbsent(person, p -> new TreeSet<>());
        for (String day : days) {
            set.add(LocalDate.parse(day));
        }
    }

    @Test
    void the_simple_window_is_a_percentile_of_the_gaps_and_each_month_counts_the_customers_alive_at_its_start() {
        // Gaps 5, 10, 20, 30, 37, 70: the 60th percentile (nearest rank: the 4th of 6) is 30 days.
        JsonNode report = ok(SIMPLE + "&percentile=60");

        assertThat(report.get("window").toString()).isEqualTo("{\"days\":30,\"percentile\":60.0,\"gaps\":6}");
        // On Mar 31, days since the last purchase: A 59, B 55 churned (> 30); D 21, E 25 at risk (> 15);
        // C 10, F 11, G 3 active.
        assertThat(report.get("counts").toString()).isEqualTo("{\"on\":\"2001-03-31\",\"customers\":7,\"active\":3,"
                + "\"atRisk\":2,\"churned\":2}");
        JsonNode series = report.get("series");
        assertThat(series).hasSize(3);
        // January: nobody had bought before it.
        assertThat(period(series.get(0))).isEqualTo("2001-01-01 2001-01-01..2001-01-31 0/0 null");
        // February: A, B, C bought by Jan 31, none 30 days silent then; by Feb 28 C is (last Jan 10).
        assertThat(period(series.get(1))).isEqualTo("2001-02-01 2001-02-01..2001-02-28 1/3 33.333");
        // March: A, B, D alive on Feb 28 (C churned); on Mar 31 A and B are churned.
        assertThat(period(series.get(2))).isEqualTo("2001-03-01 2001-03-01..2001-03-31 2/3 66.667");
        assertThat(report.get("threshold").isNull()).isTrue();
        assertThat(report.get("aliveDistribution")).isEmpty();

        // The default 90th percentile is the 6th of 6 gaps.
        assertThat(ok(SIMPLE).get("window").get("days").asInt()).isEqualTo(70);
    }

    @Test
    void a_given_window_replaces_the_percentile() {
        // 22 days: E (25) is churned too, D (21) at risk (> 11), F (11) still active.
        JsonNode report = ok(SIMPLE + "&window=22&percentile=10");

        assertThat(report.get("window").toString()).isEqualTo("{\"days\":22,\"percentile\":null,\"gaps\":null}");
        assertThat(report.get("counts").toString()).isEqualTo("{\"on\":\"2001-03-31\",\"customers\":7,\"active\":3,"
                + "\"atRisk\":1,\"churned\":3}");
    }

    @Test
    void the_churned_customers_are_listed_most_recently_active_first_in_pages_and_per_period() {
        JsonNode first = ok(SIMPLE.replace("churn?", "churn/customers?") + "&percentile=60&limit=1");
        JsonNode second = ok(SIMPLE.replace("churn?", "churn/customers?") + "&percentile=60&limit=1&cursor="
                + first.get("next").stringValue());
        JsonNode february = ok(SIMPLE.replace("churn?", "churn/customers?") + "&percentile=60&period=2001-02-01");

        assertThat(first.get("items").toString()).isEqualTo("[{\"person\":\"user:B\",\"firstPurchase\":\"2001-01-05\","
                + "\"lastPurchase\":\"2001-02-04\",\"purchaseDays\":2,\"daysSinceLastPurchase\":55,"
                + "\"probabilityAlive\":null}]");
        assertThat(second.get("items").get(0).get("person").stringValue()).isEqualTo("user:A");
        assertThat(second.get("items").get(0).get("daysSinceLastPurchase").asLong()).isEqualTo(59);
        assertThat(second.get("next").isNull()).isTrue();
        // Judged at the end of February: C's purchase of Mar 21 is still to come.
        assertThat(february.get("items").toString()).isEqualTo("[{\"person\":\"user:C\",\"firstPurchase\":"
                + "\"2001-01-10\",\"lastPurchase\":\"2001-01-10\",\"purchaseDays\":1,\"daysSinceLastPurchase\":49,"
                + "\"probabilityAlive\":null}]");
    }

    @Test
    void in_model_mode_p_alive_is_the_share_of_the_likelihood_of_a_customer_still_alive() {
        JsonNode report = ok(MODEL);
        JsonNode model = report.get("model");
        LocalDate end = LocalDate.parse("2003-12-31");

        long[] expected = new long[3];
        Map<String, Double> alive = new LinkedHashMap<>();
        purchases.forEach((person, days) -> {
            double p = aliveByLikelihood(model, days, end);
            alive.put("user:" + person, p);
            expected[p < 0.5 ? 2 : p < 0.75 ? 1 : 0]++;
        });
        JsonNode counts = report.get("counts");
        assertThat(counts.get("customers").asLong()).isEqualTo(47);
        assertThat(new long[] {counts.get("active").asLong(), counts.get("atRisk").asLong(),
            counts.get("churned").asLong()}).containsExactly(expected);
        assertThat(expected[2]).as("some customers are churned").isPositive();
        assertThat(report.get("threshold").asDouble()).isEqualTo(0.5);
        long histogram = 0;
        for (JsonNode bucket : report.get("aliveDistribution")) {
            histogram += bucket.get("customers").asLong();
        }
        assertThat(histogram).isEqualTo(47);

        JsonNode churned = ok(MODEL.replace("churn?", "churn/customers?") + "&limit=1000").get("items");
        assertThat(churned).hasSize((int) expected[2]);
        for (JsonNode customer : churned) {
            assertThat(customer.get("probabilityAlive").asDouble()).as(customer.get("person").stringValue())
                    .isCloseTo(alive.get(customer.get("person").stringValue()), within(1e-9)).isLessThan(0.5);
        }
    }

    @Test
    void in_model_mode_a_period_refits_at_its_start_and_end() {
        JsonNode december = ok(MODEL).get("series").get(5);
        JsonNode november = ok(MODEL.replace("to=2003-12-31", "to=2003-11-30")).get("model");
        JsonNode endOfYear = ok(MODEL).get("model");

        long alive = 0;
        long churned = 0;
        for (TreeSet<LocalDate> days : purchases.values()) {
            if (days.first().isAfter(LocalDate.parse("2003-11-30"))
                    || aliveByLikelihood(november, days, LocalDate.parse("2003-11-30")) < 0.5) {
                continue;
            }
            alive++;
            churned += aliveByLikelihood(endOfYear, days, LocalDate.parse("2003-12-31")) < 0.5 ? 1 : 0;
        }
        assertThat(december.get("key").stringValue()).isEqualTo("2003-12-01");
        assertThat(december.get("alive").asLong()).isEqualTo(alive);
        assertThat(december.get("churned").asLong()).isEqualTo(churned);
        assertThat(december.get("fitted").asBoolean()).isTrue();
    }

    @Test
    void in_model_mode_periods_without_enough_customers_have_no_rate_and_a_report_without_them_is_422() {
        JsonNode series = ok("/api/v1/metrics/churn?mode=model&from=2001-01-01&to=2003-12-31").get("series");
        RapportClient.Response early = rapport.get("/api/v1/metrics/churn?mode=model&from=2001-01-01&to=2001-03-31");

        assertThat(series).hasSize(36);
        assertThat(series.get(0).get("fitted").asBoolean()).isFalse();
        assertThat(series.get(0).get("rate").isNull()).isTrue();
        assertThat(series.get(35).get("fitted").asBoolean()).isTrue();
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("detail").stringValue()).contains("at least 30 customers");
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        assertProblem(SIMPLE + "&mode=sometimes", "mode");
        assertProblem(SIMPLE + "&groupBy=day", "groupBy");
        assertProblem(MODEL + "&threshold=1", "threshold");
        assertProblem(MODEL + "&threshold=half", "threshold");
        assertProblem(SIMPLE + "&percentile=0", "percentile");
        assertProblem(SIMPLE + "&window=0", "window");
        assertProblem(SIMPLE + "&window=1.5", "window");
        assertProblem(SIMPLE + "&window=3661", "window");
        assertProblem("/api/v1/metrics/churn?from=2001-03-01&to=2001-01-31", "to");
        assertProblem("/api/v1/metrics/churn?to=2999-01-01", "to");
        assertProblem("/api/v1/metrics/churn?from=01.01.2001", "from");
        assertProblem("/api/v1/metrics/churn?from=1990-01-01&to=2001-03-31&groupBy=week", "from");
        assertProblem("/api/v1/metrics/churn?mode=model&from=1990-01-01&to=2001-03-31", "from");
        assertProblem(SIMPLE.replace("churn?", "churn/customers?") + "&limit=0", "limit");
        assertProblem(SIMPLE.replace("churn?", "churn/customers?") + "&limit=1001", "limit");
        assertProblem(SIMPLE.replace("churn?", "churn/customers?") + "&cursor=nonsense", "cursor");
        assertProblem(SIMPLE.replace("churn?", "churn/customers?") + "&period=2001-02-02", "period");
        assertThat(rapport.get(SIMPLE, apiKeys.issue("support", Role.AGENT).secret()).status()).isEqualTo(403);
        assertThat(rapport.get(SIMPLE, apiKeys.issue("marketing", Role.MARKETER).secret()).status()).isEqualTo(200);
    }

    @Test
    void the_console_page_shows_the_counts_the_rate_per_month_and_drills_into_and_exports_the_churned() {
        ConsoleSession analyst = ConsoleSession.newUser(port, users, Role.ANALYST);
        String parameters = "?mode=simple&percentile=60&from=2001-01-01&to=2001-03-31&groupBy=month";

        ConsoleSession.Page page = analyst.get("/console/insight/churn" + parameters);
        ConsoleSession.Page drill = analyst.get("/console/insight/churn/customers" + parameters + "&period=2001-03-01");
        ConsoleSession.Page csv = analyst.get("/console/insight/churn/export" + parameters, "text/csv");
        ConsoleSession.Page churned = analyst.get("/console/insight/churn/customers/export" + parameters, "text/csv");
        ConsoleSession.Page model = analyst.get("/console/insight/churn?mode=model&from=2003-07-01&to=2003-12-31");
        ConsoleSession.Page tooEarly = analyst.get("/console/insight/churn?mode=model&from=2001-01-01&to=2001-03-31");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<td class=\"num\" id=\"churn-churned\">2</td>",
                "<td class=\"num\" id=\"churn-at-risk\">2</td>", "<strong>30</strong> days without a purchase",
                "id=\"chart-churn\"", "id=\"churn-definition\"", "66.7 %")
                .doesNotContain("id=\"chart-alive\"");
        assertThat(drill.body()).contains(">A<", ">B<").doesNotContain(">C<");
        assertThat(csv.body().lines().toList()).containsExactly(String.join(",", ChurnPage.PERIOD_HEADER),
                "2001-01-01,2001-01-01,2001-01-31,0,0,,,", "2001-02-01,2001-02-01,2001-02-28,3,1,33.33,6.15,79.23",
                "2001-03-01,2001-03-01,2001-03-31,3,2,66.67,20.77,93.85");
        assertThat(churned.body().lines().toList()).containsExactly(String.join(",", ChurnPage.CUSTOMER_HEADER),
                "B,2001-01-05,2001-02-04,2,55,", "A,2001-01-01,2001-01-31,3,59,");
        assertThat(model.body()).contains("id=\"chart-alive\"", "BG/NBD fitted on the orders up to");
        assertThat(tooEarly.body()).contains("id=\"churn-not-enough-data\"", "at least 30 customers");
        assertThat(analyst.get("/console/insight").body()).contains("href=\"/console/insight/churn?from=");
        assertThat(ConsoleSession.newUser(port, users, Role.AGENT).get("/console/insight/churn").status())
                .isEqualTo(403);
    }

    /**
     * P(alive | x, t_x, T) as the likelihood of the customer still alive at T over the total likelihood, each term
     * of FHL 2005 eq. (6) written as expectations over the priors: E[(1−p)^x] = B(a, b+x)/B(a, b) and
     * E[p(1−p)^(x−1)] = B(a+1, b+x−1)/B(a, b) over p ~ Beta(a, b), E[λ^x e^(−λt)] = Γ(r+x)α^r / (Γ(r)(α+t)^(r+x))
     * over λ ~ Gamma(r, α).
     */
    private static double aliveByLikelihood(JsonNode model, TreeSet<LocalDate> allDays, LocalDate end) {
        List<LocalDate> days = allDays.headSet(end, true).stream().toList();
        double r = model.get("r").asDouble();
        double alpha = model.get("alpha").asDouble();
        double a = model.get("a").asDouble();
        double b = model.get("b").asDouble();
        int x = days.size() - 1;
        if (x == 0) {
            return 1;
        }
        double tx = ChronoUnit.DAYS.between(days.getFirst(), days.getLast()) / 7.0;
        double T = ChronoUnit.DAYS.between(days.getFirst(), end) / 7.0;
        double rates = Gamma.logGamma(r + x) + r * Math.log(alpha) - Gamma.logGamma(r);
        double stillAlive = Beta.logBeta(a, b + x) - Beta.logBeta(a, b) + rates - (r + x) * Math.log(alpha + T);
        double droppedOut = Beta.logBeta(a + 1, b + x - 1) - Beta.logBeta(a, b) + rates
                - (r + x) * Math.log(alpha + tx);
        return 1 / (1 + Math.exp(droppedOut - stillAlive));
    }

    private static String period(JsonNode p) {
        JsonNode rate = p.get("rate");
        return p.get("key").stringValue() + " " + p.get("start").stringValue() + ".." + p.get("end").stringValue() + " "
                + p.get("churned").asLong() + "/" + p.get("alive").asLong() + " "
                + (rate.isNull() ? "null" : String.format(java.util.Locale.ROOT, "%.3f", rate.get("value").asDouble()));
    }

    private JsonNode ok(String path) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertProblem(String path, String field) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().get("field").stringValue()).as(path).isEqualTo(field);
    }
}
