package io.rapport.platform.internal;

import io.rapport.platform.ApiKeys;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Unattended installs: creates the first admin from {@code RAPPORT_ADMIN_EMAIL}/{@code RAPPORT_ADMIN_PASSWORD}
 * when no user exists, and an admin API key from {@code RAPPORT_BOOTSTRAP_API_KEY} when no key exists.
 */
@Component
class BootstrapAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAccounts.class);

    private final Users users;
    private final ApiKeys apiKeys;
    private final String adminEmail;
    private final String adminPassword;
    private final String apiKey;

    BootstrapAccounts(Users users, ApiKeys apiKeys,
            @Value("${rapport.bootstrap.admin-email:}") String adminEmail,
            @Value("${rapport.bootstrap.admin-password:}") String adminPassword,
            @Value("${rapport.bootstrap.api-key:}") String apiKey) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.apiKey = apiKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!adminEmail.isBlank() && !adminPassword.isBlank() && !users.anyExists()) {
            users.createFirstAdmin(adminEmail, adminPassword);
            log.info("Created the first admin {} from the environment", adminEmail);
        }
        if (!apiKey.isBlank() && !apiKeys.anyActive()) {
            apiKeys.issue("bootstrap", Role.ADMIN, apiKey);
            log.info("Created the bootstrap admin API key from the environment");
        }
    }
}
