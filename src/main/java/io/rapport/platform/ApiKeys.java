package io.rapport.platform;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Issues, lists, revokes and checks management API keys. Keys are stored as SHA-256 hashes. */
@Service
public class ApiKeys {

    private static final String PREFIX = "rk_";
    private static final RowMapper<ApiKey> ROW = (rs, row) -> new ApiKey(
            new ApiKey.Id(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("key_prefix"),
            Role.valueOf(rs.getString("role")), Timestamps.instant(rs, "created_at"),
            Timestamps.nullableInstant(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ApiKey.Issued issue(String name, Role role) {
        return issue(name, role, Secrets.token(PREFIX, 32));
    }

    /** Issues a key with a secret chosen by the operator (the bootstrap key of an unattended install). */
    public ApiKey.Issued issue(String name, Role role, String secret) {
        if (name.isBlank() || name.length() > 100) {
            throw ApiProblem.invalidField("name", "Give the key a name of 1 to 100 characters.");
        }
        if (secret.length() < 20) {
            throw ApiProblem.invalidField("secret", "An API key must be at least 20 characters long.");
        }
        ApiKey key = new ApiKey(new ApiKey.Id(UUID.randomUUID()), name.strip(), secret.substring(0, 8), role,
                clock.instant(), null);
        jdbc.sql("""
                insert into api_keys (id, name, key_prefix, key_hash, role, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(key.id().value(), key.name(), key.prefix(), Secrets.sha256(secret), role.name(),
                        Timestamps.of(key.createdAt()))
                .update();
        return new ApiKey.Issued(key, secret);
    }

    public List<ApiKey> list() {
        return jdbc.sql("select * from api_keys order by created_at desc").query(ROW).list();
    }

    public boolean anyActive() {
        return jdbc.sql("select count(*) from api_keys where revoked_at is null").query(Long.class).single() > 0;
    }

    public void revoke(ApiKey.Id id) {
        int changed = jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamps.of(clock.instant()), id.value())
                .update();
        if (changed == 0) {
            throw ApiProblem.notFound("No active API key has the id " + id.value() + ".");
        }
    }

    /** The active key whose secret this is. */
    public Optional<ApiKey> authenticate(String secret) {
        return jdbc.sql("select * from api_keys where key_hash = ? and revoked_at is null")
                .param(Secrets.sha256(secret))
                .query(ROW)
                .optional();
    }
}
