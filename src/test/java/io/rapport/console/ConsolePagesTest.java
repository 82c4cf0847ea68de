package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
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
    void scripts_and_styles_load_without_signing_in() {
        assertThat(visitor().get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(visitor().get("/vendor/echarts/echarts.min.js").status()).isEqualTo(200);
        assertThat(visitor().get("/console/css/console.css").status()).isEqualTo(200);
    }
}
