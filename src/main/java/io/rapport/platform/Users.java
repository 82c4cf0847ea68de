package io.rapport.platform;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The console's users. Passwords are kept only as BCrypt hashes. */
@Service
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Users(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    public boolean anyExists() {
        return jdbc.sql("select count(*) from users").query(Long.class).single() > 0;
    }

    /** Creates the first administrator; refuses once any user exists, so setup cannot be replayed. */
    @Transactional
    public User createFirstAdmin(String email, String password) {
        if (anyExists()) {
            throw ApiProblem.conflict("Rapport is already set up; sign in instead.");
        }
        return create(email, password, Role.ADMIN);
    }

    @Transactional
    public User create(String email, String password, Role role) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 320) {
            throw ApiProblem.invalidField("email", "Enter an email address such as ana@example.com.");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiProblem.invalidField("password",
                    "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        User user = new User(new User.Id(UUID.randomUUID()), normalized, role, clock.instant());
        try {
            jdbc.sql("insert into users (id, email, password_hash, role, created_at) values (?, ?, ?, ?, ?)")
                    .params(user.id().value(), user.email(), passwords.encode(password), role.name(),
                            Timestamps.of(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("A user with the email " + normalized + " exists already.");
        }
        return user;
    }

    public List<User> list() {
        return jdbc.sql("select id, email, role, created_at from users order by email")
                .query((rs, row) -> new User(new User.Id(rs.getObject("id", UUID.class)), rs.getString("email"),
                        Role.valueOf(rs.getString("role")), Timestamps.instant(rs, "created_at")))
                .list();
    }

    /** The password hash and role for signing in, by email. */
    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("select email, password_hash, role from users where email = ?")
                .param(email.trim().toLowerCase(Locale.ROOT))
                .query((rs, row) -> new Credentials(rs.getString("email"), rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role"))))
                .optional();
    }

    public record Credentials(String email, String passwordHash, Role role) {
    }
}
