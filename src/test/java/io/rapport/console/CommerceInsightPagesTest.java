package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.insight.CommerceEvents;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The cart abandonment and channel performance pages, on carts of May 2005 (days no other test uses): Q's cart is
 * ordered 30 minutes after its add, R's never.
 */
@RapportTest
class CommerceInsightPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void analysts_and_marketers_see_both_pages_from_the_overview_and_agents_do_not() {
        for (Role role : List.of(Role.ANALYST, Role.MARKETER)) {
            ConsoleSession session = ConsoleSession.newUser(port, users, role);
            assertThat(session.get("/console/insight").body()).as(role.name())
                    .contains("href=\"/console/insight/abandonment?").contains("href=\"/console/insight/channels?");
            ConsoleSession.Page abandonment = session.get("/console/insight/abandonment");
            assertThat(abandonment.status()).as(role.name()).isEqualTo(200);
            assertThat(abandonment.body()).contains("id=\"chart-abandonment\"").contains("Abandonment rate = 100");
            ConsoleSession.Page channels = session.get("/console/insight/channels?by=campaign");
            assertThat(channels.status()).as(role.name()).isEqualTo(200);
            assertThat(channels.body()).contains("id=\"chart-channels\"").contains("Conversion rate = 100");
        }
        ConsoleSession agent = ConsoleSession.newUser(port, users, Role.AGENT);
        assertThat(agent.get("/console/insight/abandonment").status()).isEqualTo(403);
    }

    @Test
    void the_csv_export_and_the_drill_down_show_the_abandoned_carts() {
        RapportClient.TestSource source = rapport.newSource("WEB");
        CommerceEvents.track(rapport, ingest, source.writeKey(), List.of(
                message("Product Added", "Q", "2005-05-02T10:00:00Z", "\"price\":8,\"quantity\":3"),
                message("Order Completed", "Q", "2005-05-02T10:30:00Z", "\"order_id\":\"q-" + run + "\",\"total\":24"),
                message("Product Added", "R", "2005-05-03T10:00:00Z", "\"price\":19.5,\"currency\":\"GBP\"")));
        ConsoleSession session = ConsoleSession.newUser(port, users, Role.ANALYST);

        ConsoleSession.Page csv = session.get("/console/insight/abandonment/export?from=2005-05-02&to=2005-05-03"
                + "&groupBy=day&hours=1&channel=web", "text/csv");
        ConsoleSession.Page carts = session.get("/console/insight/abandonment/carts?from=2005-05-02&to=2005-05-08"
                + "&hours=1&channel=web");
        ConsoleSession.Page channels = session.get("/console/insight/channels/export?from=2005-05-02&to=2005-05-03",
                "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly(
                "period,carts,converted,abandoned,open,rate,low,high,abandoned value",
                "2005-05-02,1,1,0,0,0.0,0.0,79.35,",
                "2005-05-03,1,0,1,0,100.0,20.65,100.0,GBP 19.50");
        assertThat(carts.body()).contains("R-" + run).doesNotContain("Q-" + run).contains("GBP 19.50");
        assertThat(channels.body().lines().toList()).containsExactly(
                "channel,visits,buyers,orders,conversion rate,revenue,average order value",
                "web,2,1,1,50.0,EUR 24.00,EUR 24.00");
    }

    @Test
    void bad_parameters_are_answered_with_readable_pages() {
        ConsoleSession session = ConsoleSession.newUser(port, users, Role.ANALYST);

        ConsoleSession.Page hours = session.get("/console/insight/abandonment?hours=a-day");
        ConsoleSession.Page by = session.get("/console/insight/channels?by=device");

        assertThat(hours.status()).isEqualTo(400);
        assertThat(hours.body()).contains("is not a whole number of hours from 1 to 720");
        assertThat(by.status()).isEqualTo(400);
        assertThat(by.body()).contains("Choose channel, source or campaign.");
    }

    private String message(String event, String person, String at, String properties) {
        return """
                {"type":"track","event":"%s","userId":"%s-%s","messageId":"%s","timestamp":"%s",
                 "properties":{"product_id":"p",%s}}""".formatted(event, person, run,
                UUID.randomUUID(), at, properties);
    }
}
