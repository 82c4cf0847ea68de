package io.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Managing users through the API: roles change and users go, but Rapport always keeps an admin. The last-admin
 * rule needs to know every admin there is, so this test has a database of its own and starts each test with no
 * users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UsersTest {

    static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("users").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    RapportClient rapport;

    @BeforeEach
    void noUsers() {
        jdbc.sql("delete from users").update();
        rapport = new RapportClient(port);
    }

    @Test
    void an_admin_key_changes_a_users_role() {
        users.create("boss@example.com", PASSWORD, Role.ADMIN);
        User analyst = users.create("ana@example.com", PASSWORD, Role.ANALYST);

        Response changed = changeRole(analyst.id(), "MARKETER", RapportClient.ADMIN_KEY);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("role").stringValue()).isEqualTo("MARKETER");
        assertThat(users.find(analyst.id()).orElseThrow().role()).isEqualTo(Role.MARKETER);
    }

    @Test
    void a_removed_user_is_gone_and_cannot_sign_in() {
        users.create("boss@example.com", PASSWORD, Role.ADMIN);
        User agent = users.create("agent@example.com", PASSWORD, Role.AGENT);

        Response removed = remove(agent.id(), RapportClient.ADMIN_KEY);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(rapport.get("/api/v1/users").body()).doesNotContain("agent@example.com");
        assertThat(users.credentials("agent@example.com")).isEmpty();
    }

    @Test
    void the_last_admin_cannot_be_demoted() {
        User admin = users.create("boss@example.com", PASSWORD, Role.ADMIN);

        Response refused = changeRole(admin.id(), "ANALYST", RapportClient.ADMIN_KEY);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").stringValue())
                .isEqualTo("boss@example.com is the only admin, so they keep the admin role. "
                        + "Make someone else an admin first.");
        assertThat(users.find(admin.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void the_last_admin_cannot_be_removed() {
        User admin = users.create("boss@example.com", PASSWORD, Role.ADMIN);

        Response refused = remove(admin.id(), RapportClient.ADMIN_KEY);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").stringValue()).contains("only admin and cannot be removed");
        assertThat(users.find(admin.id())).isPresent();
    }

    @Test
    void an_admin_may_be_demoted_while_another_admin_remains() {
        User first = users.create("first@example.com", PASSWORD, Role.ADMIN);
        User second = users.create("second@example.com", PASSWORD, Role.ADMIN);

        assertThat(changeRole(first.id(), "ANALYST", RapportClient.ADMIN_KEY).status()).isEqualTo(200);
        assertThat(changeRole(second.id(), "ANALYST", RapportClient.ADMIN_KEY).status()).isEqualTo(409);
        assertThat(remove(second.id(), RapportClient.ADMIN_KEY).status()).isEqualTo(409);
    }

    @Test
    void an_admin_cannot_demote_themselves() {
        User self = users.create("first@example.com", PASSWORD, Role.ADMIN);
        users.create("second@example.com", PASSWORD, Role.ADMIN);

        assertThatThrownBy(() -> users.changeRole(self.id(), Role.ANALYST, self.id()))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessage("You cannot take away your own admin role. Ask another admin to do it.");
    }

    @Test
    void an_admin_cannot_remove_themselves() {
        User self = users.create("first@example.com", PASSWORD, Role.ADMIN);
        users.create("second@example.com", PASSWORD, Role.ADMIN);

        assertThatThrownBy(() -> users.remove(self.id(), self.id()))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessage("You cannot remove yourself. Ask another admin to do it.");
        assertThat(users.find(self.id())).isPresent();
    }

    @Test
    void an_admin_may_demote_another_admin() {
        User self = users.create("first@example.com", PASSWORD, Role.ADMIN);
        User other = users.create("second@example.com", PASSWORD, Role.ADMIN);

        assertThat(users.changeRole(other.id(), Role.AGENT, self.id()).role()).isEqualTo(Role.AGENT);
    }

    @Test
    void an_unknown_user_is_not_found() {
        User.Id nobody = new User.Id(UUID.randomUUID());

        Response patch = changeRole(nobody, "ANALYST", RapportClient.ADMIN_KEY);
        Response delete = remove(nobody, RapportClient.ADMIN_KEY);

        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.json().get("detail").stringValue()).contains(nobody.value().toString());
        assertThat(delete.status()).isEqualTo(404);
    }

    @Test
    void an_unknown_role_names_the_field() {
        User analyst = users.create("ana@example.com", PASSWORD, Role.ANALYST);

        Response refused = changeRole(analyst.id(), "BOSS", RapportClient.ADMIN_KEY);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").stringValue()).isEqualTo("role");
    }

    @Test
    void a_key_that_is_not_an_admin_key_may_not_change_or_remove_users() {
        users.create("boss@example.com", PASSWORD, Role.ADMIN);
        User analyst = users.create("ana@example.com", PASSWORD, Role.ANALYST);
        String analystKey = apiKeys.issue("reporting", Role.ANALYST).secret();

        assertThat(changeRole(analyst.id(), "ADMIN", analystKey).status()).isEqualTo(403);
        assertThat(remove(analyst.id(), analystKey).status()).isEqualTo(403);
        assertThat(users.find(analyst.id()).orElseThrow().role()).isEqualTo(Role.ANALYST);
    }

    private Response changeRole(User.Id id, String role, String key) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/users/" + id.value()))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"role\":\"" + role + "\"}")));
    }

    private Response remove(User.Id id, String key) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/users/" + id.value()))
                .header("Authorization", "Bearer " + key)
                .DELETE());
    }
}
