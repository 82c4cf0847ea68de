package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The orders pages answer every role that reads orders, and refuse bad filters with a readable page. */
@RapportTest
class OrdersPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    private ConsoleSession signedIn(Role role) {
        return ConsoleSession.newUser(port, users, role);
    }

    @Test
    void analysts_marketers_and_agents_see_the_orders_and_the_navigation_leads_there() {
        for (Role role : Role.values()) {
            ConsoleSession session = signedIn(role);
            ConsoleSession.Page page = session.get("/console/orders");
            assertThat(page.status()).as(role.name()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"order-filters\"");
            assertThat(session.get("/console").body()).as(role.name()).contains("href=\"/console/orders\"");
        }
    }

    @Test
    void bad_filters_and_unknown_orders_are_answered_with_readable_pages() {
        ConsoleSession session = signedIn(Role.AGENT);

        ConsoleSession.Page badDay = session.get("/console/orders?from=last-week");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.body()).contains("is not a date such as 2026-01-31");
        ConsoleSession.Page swapped = session.get("/console/orders?from=2026-02-02&to=2026-02-01");
        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.body()).contains("The last day (2026-02-01) is before the first (2026-02-02)");
        assertThat(session.get("/console/orders?status=LOST").status()).isEqualTo(400);
        ConsoleSession.Page nobody = session.get("/console/orders?customer=nobody-" + UUID.randomUUID());
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.body()).contains("No customer matches");
        ConsoleSession.Page unknown = session.get("/console/orders/none-" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("There is no order with the id");
    }
}
