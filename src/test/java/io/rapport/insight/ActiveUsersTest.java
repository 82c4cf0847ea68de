package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.customer.Channel;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Active users, lifecycle and visitor cohorts on a hand-computed fixture in January and February 1993 (days no other
 * test uses). Weeks start on Monday: W1 = 01-04, W2 = 01-11, W3 = 01-18, W4 = 01-25, W5 = 02-01, W6 = 02-08.
 * <pre>
 * A (web): 01-04, 01-05, 01-11, 01-25, 02-01     weeks W1 W2 W4 W5
 * B (app): 01-05, 01-18                          weeks W1 W3
 * C: 01-06 on the web and in the app, 02-03 web  weeks W1 W5
 * D (web): 01-12                                 week  W2
 * </pre>
 * The messages arrive newest first, one call each, so every older period arrives after a newer one and each
 * person's classification has to be recomputed.
 */
@RapportTest
class ActiveUsersTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    ActiveUsers activeUsers;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private void fixture() {
        RapportClient.TestSource web = rapport.newSource("WEB");
        RapportClient.TestSource app = rapport.newSource("IOS");
        record Touch(String person, String day, RapportClient.TestSource source) {
        }
        List<Touch> touches = new ArrayList<>(List.of(
                new Touch("A", "01-04", web), new Touch("A", "01-05", web), new Touch("A", "01-11", web),
                new Touch("A", "01-25", web), new Touch("A", "02-01", web),
                new Touch("B", "01-05", app), new Touch("B", "01-18", app),
                new Touch("C", "01-06", web), new Touch("C", "01-06", app), new Touch("C", "02-03", web),
                new Touch("D", "01-12", web)));
        touches.sort((a, b) -> b.day().compareTo(a.day()));
        for (Touch touch : touches) {
            ActivityMessages.send(rapport, ingest, touch.source().writeKey(), List.of(ActivityMessages.page(
                    touch.person() + "-" + run, Instant.parse("1993-" + touch.day() + "T10:00:00Z"))));
        }
    }

    @Test
    void active_persons_stickiness_lifecycle_visitor_cohorts_and_the_persons_behind_them_match_the_hand_count() {
        fixture();

        JsonNode daily = get("/api/v1/metrics/active?from=1993-01-04&to=1993-02-07&groupBy=day");
        assertThat(series(daily, "active")).startsWith("1993-01-04:1", "1993-01-05:2", "1993-01-06:1", "1993-01-07:0")
                .contains("1993-01-11:1", "1993-01-12:1", "1993-01-18:1", "1993-01-25:1", "1993-02-01:1",
                        "1993-02-02:0", "1993-02-03:1");
        assertThat(daily.get("series").size()).isEqualTo(35);
        assertThat(series(get("/api/v1/metrics/active?from=1993-01-04&to=1993-02-14&groupBy=week"), "active"))
                .containsExactly("1993-01-04:3", "1993-01-11:2", "1993-01-18:1", "1993-01-25:1", "1993-02-01:2",
                        "1993-02-08:0");
        assertThat(series(get("/api/v1/metrics/active?from=1993-01-04&to=1993-02-07&groupBy=week&channel=web"),
                "active")).containsExactly("1993-01-04:2", "1993-01-11:2", "1993-01-18:0", "1993-01-25:1",
                "1993-02-01:2");
        assertThat(series(get("/api/v1/metrics/active?from=1993-01-04&to=1993-01-24&groupBy=week&channel=app"),
                "active")).containsExactly("1993-01-04:2", "1993-01-11:0", "1993-01-18:1");
        JsonNode monthly = get("/api/v1/metrics/active?from=1993-01-01&to=1993-03-31&groupBy=month");
        assertThat(series(monthly, "active")).containsExactly("1993-01-01:4", "1993-02-01:2", "1993-03-01:0");
        // January: DAU sums to 8 over 31 days, MAU 4 → 8/31/4 = 6.45 %; February: 2 over 28 days, MAU 2 → 3.57 %.
        JsonNode january = monthly.get("stickiness").get(0);
        assertThat(january.get("month").stringValue()).isEqualTo("1993-01");
        assertThat(january.get("days").asInt()).isEqualTo(31);
        assertThat(january.get("meanDailyActive").asDouble()).isEqualTo(0.26);
        assertThat(january.get("monthlyActive").asLong()).isEqualTo(4);
        assertThat(january.get("value").asDouble()).isEqualTo(6.45);
        assertThat(monthly.get("stickiness").get(1).get("value").asDouble()).isEqualTo(3.57);
        assertThat(monthly.get("stickiness").get(2).get("value").isNull()).isTrue();

        JsonNode weeks = get("/api/v1/metrics/active/lifecycle?from=1993-01-04&to=1993-02-14&period=week");
        assertThat(lifecycle(weeks)).containsExactly(
                "1993-01-04 active 3 new 3 returning 0 resurrecting 0 dormant 0",
                "1993-01-11 active 2 new 1 returning 1 resurrecting 0 dormant -2",
                "1993-01-18 active 1 new 0 returning 0 resurrecting 1 dormant -2",
                "1993-01-25 active 1 new 0 returning 0 resurrecting 1 dormant -1",
                "1993-02-01 active 2 new 0 returning 1 resurrecting 1 dormant 0",
                "1993-02-08 active 0 new 0 returning 0 resurrecting 0 dormant -2");
        assertThat(lifecycle(get("/api/v1/metrics/active/lifecycle?from=1993-01-01&to=1993-03-31&period=month")))
                .containsExactly("1993-01-01 active 4 new 4 returning 0 resurrecting 0 dormant 0",
                        "1993-02-01 active 2 new 0 returning 2 resurrecting 0 dormant -2",
                        "1993-03-01 active 0 new 0 returning 0 resurrecting 0 dormant -2");
        assertThat(lifecycle(get("/api/v1/metrics/active/lifecycle?from=1993-01-11&to=1993-01-17&channel=web")))
                .containsExactly("1993-01-11 active 2 new 1 returning 1 resurrecting 0 dormant -1");

        JsonNode in = get("/api/v1/metrics/retention?cohort=first-seen-week&from=1993-01-04&to=1993-02-01");
        assertThat(cohorts(in)).containsExactly("1993-01-04 3:[3, 1, 1, 1, 2]", "1993-01-11 1:[1, 0, 0, 0]",
                "1993-01-18 0:[0, 0, 0]", "1993-01-25 0:[0, 0]", "1993-02-01 0:[0]");
        assertThat(in.get("cohorts").get(0).get("percent").toString()).isEqualTo("[100.0,33.33,33.33,33.33,66.67]");
        assertThat(in.get("visitors").asLong()).isEqualTo(4);
        assertThat(cohorts(get("/api/v1/metrics/retention?cohort=first-seen-week&from=1993-01-04&to=1993-02-01"
                + "&variant=in_or_after"))).startsWith("1993-01-04 3:[3, 3, 3, 2, 2]", "1993-01-11 1:[1, 0, 0, 0]");

        // The persons behind a point.
        LocalDate w2 = LocalDate.parse("1993-01-11");
        LocalDate w3 = LocalDate.parse("1993-01-18");

        assertThat(persons(MetricGrouping.WEEK, w2, null, ActiveUsers.State.DORMANT)).containsExactly("B", "C");
        assertThat(persons(MetricGrouping.WEEK, w2, null, ActiveUsers.State.NEW)).containsExactly("D");
        assertThat(persons(MetricGrouping.WEEK, w2, null, ActiveUsers.State.RETURNING)).containsExactly("A");
        assertThat(persons(MetricGrouping.WEEK, w3, null, ActiveUsers.State.RESURRECTING)).containsExactly("B");
        assertThat(persons(MetricGrouping.DAY, LocalDate.parse("1993-01-06"), Channel.APP, ActiveUsers.State.ACTIVE))
                .containsExactly("C");
        assertThat(activeUsers.personsBehind(MetricGrouping.WEEK, w2, null, ActiveUsers.State.ACTIVE, 1000)
                .stream().filter(p -> p.endsWith(run)).toList()).hasSize(2);
    }

    @Test
    void an_export_lists_a_persons_active_days_and_an_erased_person_leaves_every_count() {
        RapportClient.TestSource web = rapport.newSource("WEB");
        ActivityMessages.send(rapport, ingest, web.writeKey(), List.of(
                ActivityMessages.page("G-" + run, Instant.parse("1994-01-03T08:00:00Z")),
                ActivityMessages.page("G-" + run, Instant.parse("1994-01-10T08:00:00Z")),
                ActivityMessages.page("H-" + run, Instant.parse("1994-01-04T08:00:00Z"))));
        String customer = await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?userId=G-"
                + run).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();
        assertThat(lifecycle(get("/api/v1/metrics/active/lifecycle?from=1994-01-03&to=1994-01-23")))
                .containsExactly("1994-01-03 active 2 new 2 returning 0 resurrecting 0 dormant 0",
                        "1994-01-10 active 1 new 0 returning 1 resurrecting 0 dormant -1",
                        "1994-01-17 active 0 new 0 returning 0 resurrecting 0 dormant -1");
        JsonNode exported = get("/api/v1/customers/" + customer + "/export").get("modules").get("insight")
                .get("activeDays");
        List<String> days = new ArrayList<>();
        exported.forEach(d -> days.add(d.get("identifier").stringValue() + " " + d.get("day").stringValue() + " "
                + d.get("channel").stringValue()));
        assertThat(days).containsExactly("user:G-" + run + " 1994-01-03 web", "user:G-" + run + " 1994-01-10 web");

        RapportClient.Response erased = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customers/"
                + customer)).header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        // Two days, two weeks and one month, each overall and on the web.
        assertThat(erased.json().get("counts").get("insight").get("insight_person_periods").asLong()).isEqualTo(10);
        assertThat(lifecycle(get("/api/v1/metrics/active/lifecycle?from=1994-01-03&to=1994-01-23")))
                .containsExactly("1994-01-03 active 1 new 1 returning 0 resurrecting 0 dormant 0",
                        "1994-01-10 active 0 new 0 returning 0 resurrecting 0 dormant -1",
                        "1994-01-17 active 0 new 0 returning 0 resurrecting 0 dormant 0");
        assertThat(series(get("/api/v1/metrics/active?from=1994-01-03&to=1994-01-04&channel=web"), "active"))
                .containsExactly("1994-01-03:0", "1994-01-04:1");
        assertThat(cohorts(get("/api/v1/metrics/retention?cohort=first-seen-week&from=1994-01-03&to=1994-01-10")))
                .containsExactly("1994-01-03 1:[1, 0]", "1994-01-10 0:[0]");
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        assertProblem("/api/v1/metrics/active?groupBy=hour", "groupBy");
        assertProblem("/api/v1/metrics/active?groupBy=survey", "groupBy");
        assertProblem("/api/v1/metrics/active?channel=fax", "channel");
        assertProblem("/api/v1/metrics/active?from=yesterday", "from");
        assertProblem("/api/v1/metrics/active?from=2026-02-01&to=2026-01-01", "to");
        assertProblem("/api/v1/metrics/active?from=2020-01-01&to=2026-01-01", "groupBy");
        assertProblem("/api/v1/metrics/active?from=2000-01-01&to=2026-01-01&groupBy=month", "from");
        assertProblem("/api/v1/metrics/active/lifecycle?period=day", "period");
        assertProblem("/api/v1/metrics/retention?cohort=first-seen-day", "cohort");
        assertProblem("/api/v1/metrics/retention?cohort=first-seen-week&period=month", "period");
        assertProblem("/api/v1/metrics/retention?cohort=first-seen-week&from=2020-01-01&to=2026-01-01", "from");
        assertThat(rapport.get("/api/v1/metrics/retention?cohort=first-seen-week&period=week").status())
                .isEqualTo(200);
    }

    private void assertProblem(String path, String field) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").stringValue()).as(path).isEqualTo(field);
    }

    private List<String> persons(MetricGrouping grain, LocalDate period, Channel channel, ActiveUsers.State state) {
        return activeUsers.personsBehind(grain, period, channel, state, 1000).stream()
                .filter(p -> p.endsWith("-" + run)).map(p -> p.substring("user:".length(), p.length() - run.length() - 1))
                .toList();
    }

    private JsonNode get(String path) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> series(JsonNode report, String field) {
        List<String> points = new ArrayList<>();
        report.get("series").forEach(p -> points.add(p.get("key").stringValue() + ":" + p.get(field).asLong()));
        return points;
    }

    private static List<String> lifecycle(JsonNode report) {
        List<String> points = new ArrayList<>();
        report.get("series").forEach(p -> points.add(p.get("key").stringValue() + " active " + p.get("active").asLong()
                + " new " + p.get("new").asLong() + " returning " + p.get("returning").asLong() + " resurrecting "
                + p.get("resurrecting").asLong() + " dormant " + p.get("dormant").asLong()));
        return points;
    }

    private static List<String> cohorts(JsonNode table) {
        List<String> rows = new ArrayList<>();
        table.get("cohorts").forEach(c -> rows.add(c.get("week").stringValue() + " " + c.get("size").asLong() + ":"
                + c.get("active").toString().replace(",", ", ")));
        return rows;
    }
}
