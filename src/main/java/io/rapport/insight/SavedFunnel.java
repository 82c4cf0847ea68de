package io.rapport.insight;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** A funnel kept under a name, to be shown again (and on the CX overview). */
public record SavedFunnel(Id id, String name, FunnelDefinition definition, Instant createdAt, Instant updatedAt) {

    public static final int MAX_NAME = 100;

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
