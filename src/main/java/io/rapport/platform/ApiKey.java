package io.rapport.platform;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import org.jspecify.annotations.Nullable;

/** A key for the management API. Only its prefix is shown again after it was issued. */
public record ApiKey(Id id, String name, String prefix, Role role, Instant createdAt, @Nullable Instant revokedAt) {

    public record Id(@JsonValue UUID value) {
    }

    public boolean active() {
        return revokedAt == null;
    }

    /** A key just issued, with the secret that is shown this once. */
    public record Issued(ApiKey key, String secret) {
    }
}
