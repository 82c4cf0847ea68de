package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.insight.ActivityMessages;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The active-users and visitor-retention pages on a small fixture in January 1995 (weeks from 01-02 and 01-09):
 * ana is active on 01-02 and 01-10, ben on 01-03 only (for the visitor page the same 53 weeks later).
 */
@RapportTest
class ActiveUsersPagesTest {

    private static final String SPAN = "from=1995-01-02&to=1995-01-15";
    /** The fixture 53 weeks later, for the visitor page. */
    private static final String VISITOR_SPAN = "from=1996-01-08&to=1996-01-21";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The fixture, {@code weeksLater} whole weeks later (each test has weeks of its own). */
    private void fixture(int weeksLater) {
        Duration later = Duration.ofDays(7L * weeksLater);
        ActivityMessages.send(rapport, ingest, rapport.newSource("WEB").writeKey(), List.of(
                ActivityMessages.page("ana-" + run, Instant.parse("1995-01-02T09:00:00Z").plus(later)),
                ActivityMessages.page("ana-" + run, Instant.parse("1995-01-10T09:00:00Z").plus(later)),
                ActivityMessages.click("ben-" + run, Instant.parse("1995-01-03T09:00:00Z").plus(later))));
    }

    @Test
    void the_active_users_page_shows_charts_tables_downloads_and_the_persons_behind_a_point() throws Exception {
        fixture(0);
        ConsoleSession analyst = ConsoleSession.newUser(port, users, Role.ANALYST);

        ConsoleSession.Page page = analyst.get("/console/insight/active?" + SPAN);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"chart-active\"", "id=\"chart-lifecycle\"", "Stickiness = mean DAU",
                "resurrecting", "dormant", "id=\"stickiness-table\"", "/console/insight/active/export?");
        assertThat(analyst.get("/console").status()).isEqualTo(200);
        assertThat(analyst.get("/console/insight").body()).contains("href=\"/console/insight/active?",
                "href=\"/console/insight/visitors?");

        List<CSVRecord> days = csv(analyst.get("/console/insight/active/export?" + SPAN, "text/csv").body());
        assertThat(days).hasSize(14);
        assertThat(days.get(0).get("dau")).isEqualTo("1");
        assertThat(days.get(0).get("wau")).isEqualTo("2");
        assertThat(days.get(0).get("mau")).isEqualTo("2");
        assertThat(days.get(8).get("day")).isEqualTo("1995-01-10");
        assertThat(days.get(8).get("wau")).isEqualTo("1");
        List<CSVRecord> lifecycle = csv(analyst.get("/console/insight/active/lifecycle/export?" + SPAN, "text/csv")
                .body());
        assertThat(lifecycle).extracting(r -> r.get("period") + " " + r.get("new") + " " + r.get("returning") + " "
                + r.get("dormant")).containsExactly("1995-01-02 2 0 0", "1995-01-09 0 1 -1");

        assertThat(analyst.get("/console/insight/active/persons?grain=week&period=1995-01-11&state=dormant").body())
                .contains("ben-" + run).doesNotContain("ana-" + run);
        assertThat(analyst.get("/console/insight/active/persons?grain=day&period=1995-01-02&channel=web").body())
                .contains("ana-" + run).doesNotContain("ben-" + run);
    }

    @Test
    void the_visitor_retention_page_shows_the_cohort_heatmap_and_its_visitors() throws Exception {
        fixture(53);
        ConsoleSession marketer = ConsoleSession.newUser(port, users, Role.MARKETER);

        ConsoleSession.Page page = marketer.get("/console/insight/visitors?" + VISITOR_SPAN);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"chart-visitors\"", "data-drill=\"/console/insight/visitors/persons\"",
                "first seen in week c");
        List<CSVRecord> cells = csv(marketer.get("/console/insight/visitors/export?" + VISITOR_SPAN, "text/csv")
                .body());
        assertThat(cells).extracting(r -> r.get("cohort_week") + " " + r.get("size") + " +" + r.get("week") + " "
                + r.get("percent")).containsExactly("1996-01-08 2 +0 100.0", "1996-01-08 2 +1 50.0",
                "1996-01-15 0 +0 0.0");
        assertThat(marketer.get("/console/insight/visitors/persons?cohort=1996-01-08&period=1").body())
                .contains("ana-" + run).doesNotContain("ben-" + run);
    }

    @Test
    void bad_filters_get_a_readable_answer_and_agents_do_not_see_the_pages() {
        ConsoleSession analyst = ConsoleSession.newUser(port, users, Role.ANALYST);

        ConsoleSession.Page channel = analyst.get("/console/insight/active?channel=fax");
        ConsoleSession.Page period = analyst.get("/console/insight/active?period=day");

        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.body()).contains("channel must be one of web, app");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.body()).contains("Choose week or month.");
        assertThat(analyst.get("/console/insight/active?from=2020-01-01&to=2026-01-01").body())
                .contains("The chart shows at most 1100 days; choose a shorter range.");
        assertThat(analyst.get("/console/insight/active/persons?grain=day&period=1995-01-02&state=new").status())
                .isEqualTo(400);
        assertThat(ConsoleSession.newUser(port, users, Role.AGENT).get("/console/insight/active").status())
                .isEqualTo(403);
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
    }
}
