package io.rapport.collect;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import org.jspecify.annotations.Nullable;

/**
 * One place events come from, with its own write key. After a rotation the previous key keeps working
 * until {@code previousKeyValidUntil}, so deployed apps have time to switch.
 */
public record Source(Id id, String name, SourceType type, String writeKey, @Nullable Instant previousKeyValidUntil,
        Instant createdAt) {

    public record Id(@JsonValue UUID value) {

        public static Id of(String value) {
            return new Id(UUID.fromString(value));
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
