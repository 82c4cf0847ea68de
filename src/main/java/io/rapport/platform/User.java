package io.rapport.platform;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** A person who signs in to the console. */
public record User(Id id, String email, Role role, Instant createdAt) {

    public record Id(@JsonValue UUID value) {
    }
}
