package io.rapport.platform;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's users. Passwords are kept only as BCrypt hashes. Rapport always keeps at least one admin, and
 * an admin cannot remove or demote themselves: someone must remain who can manage users.
 */
@Service
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final RowMapper<User> ROW = (rs, row) -> new User(new User.Id(rs.getObject("id", UUID.class)),
            rs.getString("email"), Role.valueOf(rs.getString("role")), Timestamps.instant(rs, "created_at"));

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
        return jdbc.sql("select id, email, role, created_at from users order by email").query(ROW).list();
    }

    public Optional<User> find(User.Id id) {
        return jdbc.sql("select id, email, role, created_at from users where id = ?").param(id.value())
                .query(ROW).optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("select id, email, role, created_at from users where email = ?")
                .param(email.trim().toLowerCase(Locale.ROOT))
                .query(ROW).optional();
    }

    /**
     * Gives a user another role. {@code actor} is the signed-in user who asks, or null when an API key asks
     * (a key is nobody, so only the last-admin rule applies to it).
     */
    @Transactional
    public User changeRole(User.Id id, Role role, User.@Nullable Id actor) {
        List<UUID> admins = lockAdmins();
        User user = get(id);
        if (user.role() == role) {
            return user;
        }
        if (user.role() == Role.ADMIN) {
            if (id.equals(actor)) {
                throw ApiProblem.conflict("You cannot take away your own admin role. Ask another admin to do it.");
            }
            if (admins.size() <= 1) {
                throw ApiProblem.conflict(user.email() + " is the only admin, so they keep the admin role. "
                        + "Make someone else an admin first.");
            }
        }
        jdbc.sql("update users set role = ? where id = ?").params(role.name(), id.value()).update();
        return new User(user.id(), user.email(), role, user.createdAt());
    }

    /** Removes a user: they can no longer sign in. {@code actor} as for {@link #changeRole}. */
    @Transactional
    public void remove(User.Id id, User.@Nullable Id actor) {
        List<UUID> admins = lockAdmins();
        User user = get(id);
        if (id.equals(actor)) {
            throw ApiProblem.conflict("You cannot remove yourself. Ask another admin to do it.");
        }
        if (user.role() == Role.ADMIN && admins.size() <= 1) {
            throw ApiProblem.conflict(user.email() + " is the only admin and cannot be removed. "
                    + "Make someone else an admin first.");
        }
        jdbc.sql("delete from users where id = ?").param(id.value()).update();
    }

    private User get(User.Id id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("There is no user with the id " + id.value() + "."));
    }

    /**
     * Locks the admins' rows until the transaction ends, so two admins demoting or removing each other at the
     * same time cannot both pass the last-admin check.
     */
    private List<UUID> lockAdmins() {
        return jdbc.sql("select id from users where role = ? for update").param(Role.ADMIN.name())
                .query(UUID.class).list();
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
