package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console over real HTTP: who may open what, and how refusals read. */
@RapportTest
class ConsolePagesTest {

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    RapportClient rapport;

    String admin;

    @BeforeEach
    void anAdminExists() {
        admin = "admin-" + UUID.randomUUID() + "@example.com";
        users.create(admin, PASSWORD, Role.ADMIN);
    }

    ConsoleSession visitor() {
        return new ConsoleSession(port);
    }

    ConsoleSession signedIn(String email) {
        return new ConsoleSession(port).signIn(email, PASSWORD);
    }

    @Test
    void a_signed_out_visitor_is_sent_to_the_sign_in_page() {
        assertThat(visitor().get("/console").location()).endsWith("/console/login");
        assertThat(visitor().get("/console/sources").location()).endsWith("/console/login");
    }

    @Test
    void an_admin_merges_exports_and_erases_customers_from_their_pages() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = rapport.newSource("WEB").writeKey();
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"one-" + run + "\",\"traits\":{\"email\":\"one-" + run
                + "@example.com\"}}");
        rapport.track("/v1/identify", writeKey, "{\"userId\":\"two-" + run + "\"}");
        String one = customerId("one-" + run);
        String two = customerId("two-" + run);
        ConsoleSession session = signedIn(admin);
        assertThat(session.get("/console/customers/" + one).body()).contains("Erase this customer", "Download export");

        ConsoleSession.Page merged = session.post("/console/customers/" + one, "/console/customers/" + one + "/merge",
                Map.of("other", two));
        String mergedId = merged.location().substring(merged.location().lastIndexOf('/') + 1);
        ConsoleSession.Page afterMerge = session.get("/console/customers/" + mergedId);
        assertThat(afterMerge.body()).contains("The two customers are merged", "one-" + run, "two-" + run,
                "Undo this merge");
        assertThat(customerId("one-" + run)).isEqualTo(customerId("two-" + run));

        ConsoleSession.Page export = session.get("/console/customers/" + mergedId + "/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("one-" + run + "@example.com", "\"modules\"");

        ConsoleSession.Page erased = session.post("/console/customers/" + mergedId,
                "/console/customers/" + mergedId + "/erase", Map.of());
        assertThat(erased.location()).endsWith("/console/customers");
        assertThat(session.get("/console/customers").body()).contains("was erased from every module");
        assertThat(rapport.get("/api/v1/customers?userId=one-" + run).json().get("items")).isEmpty();
        assertThat(rapport.get("/api/v1/customers?userId=two-" + run).json().get("items")).isEmpty();
    }

    private String customerId(String userId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            var items = rapport.get("/api/v1/customers?userId=" + userId).json().get("items");
            return items.isEmpty() ? null : items.get(0).get("id").stringValue();
        }, id -> id != null);
    }

    @Test
    void rapports_bare_address_leads_to_the_console() {
        assertThat(visitor().get("/").location()).endsWith("/console");
    }

    @Test
    void the_sign_in_page_shows_its_form() {
        ConsoleSession.Page page = visitor().get("/console/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void setup_is_closed_once_a_user_exists() {
        assertThat(visitor().get("/console/setup").location()).endsWith("/console/login");
    }

    @Test
    void a_wrong_password_is_answered_with_a_readable_message() {
        ConsoleSession visitor = visitor();
        ConsoleSession.Page refused = visitor.post("/console/login", "/console/login",
                Map.of("username", admin, "password", "not the password"));

        assertThat(refused.location()).endsWith("/console/login?error");
        assertThat(visitor.get("/console/login?error").body()).contains("Wrong email or password");
    }

    @Test
    void signing_out_says_so() {
        ConsoleSession session = signedIn(admin);

        ConsoleSession.Page out = session.post("/console", "/console/logout", Map.of());

        assertThat(out.location()).endsWith("/console/login?signedOut");
        assertThat(session.get("/console/login?signedOut").body()).contains("You are signed out");
        assertThat(session.get("/console").location()).endsWith("/console/login");
    }

    @Test
    void an_analyst_sees_sources_but_not_users_or_api_keys() {
        String analyst = "analyst-" + UUID.randomUUID() + "@example.com";
        users.create(analyst, PASSWORD, Role.ANALYST);
        ConsoleSession session = signedIn(analyst);

        assertThat(session.get("/console/sources").status()).isEqualTo(200);
        ConsoleSession.Page users = session.get("/console/users");
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.body()).contains("Not allowed");
        assertThat(session.get("/console/api-keys").status()).isEqualTo(403);
        assertThat(session.get("/console").body()).doesNotContain("/console/users");
    }

    @Test
    void an_agent_lists_customers_but_may_not_export_them() {
        String agent = "agent-" + UUID.randomUUID() + "@example.com";
        users.create(agent, PASSWORD, Role.AGENT);
        ConsoleSession session = signedIn(agent);

        ConsoleSession.Page list = session.get("/console/customers");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"customer-search\"").doesNotContain("Export CSV");
        assertThat(session.get("/console/customers/export").status()).isEqualTo(403);
        assertThat(signedIn(admin).get("/console/customers").body()).contains("Export CSV");
    }

    @Test
    void customer_filters_that_cannot_be_used_are_refused_with_the_reason() {
        ConsoleSession session = signedIn(admin);

        assertThat(session.get("/console/customers?q=a").body())
                .contains("Search for 2 to 200 characters").doesNotContain("id=\"customers\"");
        assertThat(session.get("/console/customers?trait=plan").body())
                .contains("Give the value the trait “plan” should have");
        assertThat(session.get("/console/customers?channel=fax").body()).contains("Choose a channel from the list");
        ConsoleSession.Page export = session.get("/console/customers/export?seen=forever");
        assertThat(export.status()).isEqualTo(400);
        assertThat(export.body()).contains("Choose how recently the customers were seen from the list");
    }

    @Test
    void a_source_without_a_name_is_refused_with_the_reason() {
        ConsoleSession.Page page = signedIn(admin).post("/console/sources", "/console/sources",
                Map.of("name", " ", "type", "WEB"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Give the source a name of 1 to 100 characters");
    }

    @Test
    void an_unknown_source_is_a_readable_not_found_page() {
        ConsoleSession.Page page = signedIn(admin).get("/console/sources/" + UUID.randomUUID());

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("There is no source with the id");
    }

    @Test
    void a_new_user_with_a_short_password_is_refused_with_the_reason() {
        ConsoleSession.Page page = signedIn(admin).post("/console/users", "/console/users",
                Map.of("email", "short-" + UUID.randomUUID() + "@example.com", "password", "short", "role", "AGENT"));

        assertThat(page.body()).contains("Choose a password of at least 10 characters");
    }

    @Test
    void an_issued_api_key_is_shown_once() {
        ConsoleSession session = signedIn(admin);

        ConsoleSession.Page issued = session.post("/console/api-keys", "/console/api-keys",
                Map.of("name", "nightly export", "role", "ANALYST"));

        assertThat(issued.location()).endsWith("/console/api-keys");
        assertThat(session.get("/console/api-keys").body()).contains("id=\"issued-secret\">rk_");
        assertThat(session.get("/console/api-keys").body()).doesNotContain("id=\"issued-secret\"");
    }

    @Test
    void the_system_charts_cover_the_last_hour_and_day() {
        ConsoleSession.Page charts = signedIn(admin).get("/console/system/charts", "application/json");

        assertThat(charts.status()).isEqualTo(200);
        assertThat(charts.body()).contains("\"minutes\"", "\"storedPerMinute\"", "\"hours\"", "\"hourly\"");
    }

    @Test
    void an_admin_changes_a_users_role_on_the_users_page() {
        User person = users.create("role-" + UUID.randomUUID() + "@example.com", PASSWORD, Role.ANALYST);
        ConsoleSession session = signedIn(admin);

        ConsoleSession.Page changed = session.post("/console/users", "/console/users/" + person.id().value() + "/role",
                Map.of("role", "MARKETER"));

        assertThat(changed.location()).endsWith("/console/users");
        assertThat(users.find(person.id()).orElseThrow().role()).isEqualTo(Role.MARKETER);
        assertThat(session.get("/console/users").body()).contains(person.email() + " now has the role Marketer");
    }

    @Test
    void a_signed_in_user_whose_role_changes_or_who_is_removed_is_signed_out_at_once() {
        User demoted = users.create("demoted-" + UUID.randomUUID() + "@example.com", PASSWORD, Role.ADMIN);
        User removed = users.create("removed-" + UUID.randomUUID() + "@example.com", PASSWORD, Role.ANALYST);
        ConsoleSession demotedSession = signedIn(demoted.email());
        ConsoleSession removedSession = signedIn(removed.email());
        assertThat(demotedSession.get("/console/users").status()).isEqualTo(200);
        assertThat(removedSession.get("/console/sources").status()).isEqualTo(200);

        users.changeRole(demoted.id(), Role.ANALYST, null);
        users.remove(removed.id(), null);

        assertThat(demotedSession.get("/console/users").location()).endsWith("/console/login?accessChanged");
        assertThat(removedSession.get("/console/sources").location()).endsWith("/console/login?accessChanged");
        assertThat(demotedSession.get("/console/sources").location()).endsWith("/console/login");
        assertThat(visitor().get("/console/login?accessChanged").body()).contains("An admin changed your access");
    }

    @Test
    void an_admin_removes_a_user_on_the_users_page_and_they_can_no_longer_sign_in() {
        User person = users.create("gone-" + UUID.randomUUID() + "@example.com", PASSWORD, Role.AGENT);
        ConsoleSession session = signedIn(admin);
        assertThat(session.get("/console/users").body()).contains("Remove " + person.email() + "?");

        ConsoleSession.Page removed = session.post("/console/users",
                "/console/users/" + person.id().value() + "/remove", Map.of());

        assertThat(removed.location()).endsWith("/console/users");
        assertThat(users.find(person.id())).isEmpty();
        assertThat(session.get("/console/users").body()).contains(person.email() + " was removed");
        ConsoleSession.Page signIn = visitor().post("/console/login", "/console/login",
                Map.of("username", person.email(), "password", PASSWORD));
        assertThat(signIn.location()).endsWith("/console/login?error");
    }

    @Test
    void the_signed_in_admin_has_no_controls_for_their_own_row_and_is_refused_if_they_try() {
        User self = users.findByEmail(admin).orElseThrow();
        ConsoleSession session = signedIn(admin);

        String page = session.get("/console/users").body();
        assertThat(page).contains("This is you")
                .doesNotContain("/console/users/" + self.id().value() + "/remove")
                .doesNotContain("/console/users/" + self.id().value() + "/role");

        ConsoleSession.Page removeSelf = session.post("/console/users",
                "/console/users/" + self.id().value() + "/remove", Map.of());
        assertThat(removeSelf.status()).isEqualTo(409);
        assertThat(removeSelf.body()).contains("You cannot remove yourself");
        ConsoleSession.Page demoteSelf = session.post("/console/users",
                "/console/users/" + self.id().value() + "/role", Map.of("role", "ANALYST"));
        assertThat(demoteSelf.status()).isEqualTo(409);
        assertThat(users.find(self.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void the_debugger_shows_older_events_a_page_at_a_time() {
        RapportClient.TestSource source = rapport.newSource("WEB");
        for (int batch = 0; batch < 6; batch++) {
            int first = batch * 10;
            String messages = IntStream.range(first, first + 10)
                    .mapToObj(i -> "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Paging-%02d\"}".formatted(i))
                    .collect(Collectors.joining(","));
            assertThat(rapport.track("/v1/batch", source.writeKey(), "{\"batch\":[" + messages + "]}").status())
                    .isEqualTo(200);
        }
        ConsoleSession session = signedIn(admin);

        String newest = session.get("/console/sources/" + source.id() + "/debugger/events").body();
        assertThat(rowCount(newest)).isEqualTo(DebuggerPage.SHOWN);
        assertThat(newest).contains("Paging-59", "Paging-10", "Show older events").doesNotContain("Paging-09");

        String older = session.get(olderLink(newest)).body();
        assertThat(rowCount(older)).isEqualTo(10);
        assertThat(older).contains("Paging-09", "Paging-00", "No older events", "hx-swap-oob", "stopped refreshing")
                .doesNotContain("Paging-10", "Show older events");
    }

    @Test
    void the_debugger_shows_older_failed_events_a_page_at_a_time() {
        RapportClient.TestSource source = rapport.newSource("WEB");
        for (int i = 0; i < 52; i++) {
            assertThat(rapport.track("/v1/track", source.writeKey(), "{\"event\":\"Refused-%02d\"}".formatted(i))
                    .status()).isEqualTo(400);
        }
        ConsoleSession session = signedIn(admin);

        String newest = session.get("/console/sources/" + source.id() + "/debugger/failed").body();
        assertThat(rowCount(newest)).isEqualTo(DebuggerPage.SHOWN);
        assertThat(newest).contains("Refused-51", "Refused-02", "Show older failed events").doesNotContain("Refused-01");

        String older = session.get(olderLink(newest)).body();
        assertThat(rowCount(older)).isEqualTo(2);
        assertThat(older).contains("Refused-01", "Refused-00", "No older failed events", "stopped refreshing");
    }

    private static int rowCount(String html) {
        return (int) Pattern.compile("class=\"event-row").matcher(html).results().count();
    }

    /** The address the "Show older" button fetches. */
    private static String olderLink(String html) {
        Matcher link = Pattern.compile("hx-get=\"([^\"]+/older\\?[^\"]+)\"").matcher(html);
        assertThat(link.find()).as("a Show older button in " + html).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void scripts_and_styles_load_without_signing_in() {
        assertThat(visitor().get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(visitor().get("/vendor/echarts/echarts.min.js").status()).isEqualTo(200);
        assertThat(visitor().get("/console/css/console.css").status()).isEqualTo(200);
    }
}
