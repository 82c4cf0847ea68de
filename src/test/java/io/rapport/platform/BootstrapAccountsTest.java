package io.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import io.rapport.testing.RapportClient;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An unattended install: the first admin and an admin API key come from the environment. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.bootstrap.admin-email=Owner@Example.com",
        "rapport.bootstrap.admin-password=a long enough passphrase"})
@ActiveProfiles("test")
class BootstrapAccountsTest {

    @DynamicPropertySource
    static void freshInstall(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("bootstrap").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void the_first_admin_is_created_from_the_environment_and_setup_is_closed() {
        Users.Credentials admin = users.credentials("owner@example.com").orElseThrow();

        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(passwords.matches("a long enough passphrase", admin.passwordHash())).isTrue();
        assertThat(admin.passwordHash()).doesNotContain("passphrase");
        RapportClient.Response setup = new RapportClient(port).send(HttpRequest.newBuilder(
                new RapportClient(port).uri("/console/setup")).GET());
        assertThat(setup.status()).isEqualTo(302);
        assertThat(setup.header("Location")).endsWith("/console/login");
    }

    @Test
    void the_bootstrap_api_key_is_an_admin_key() {
        RapportClient rapport = new RapportClient(port);

        assertThat(rapport.get("/api/v1/api-keys").status()).isEqualTo(200);
        assertThat(rapport.get("/api/v1/api-keys").body()).contains("bootstrap", "ADMIN");
    }
}
