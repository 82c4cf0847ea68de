package io.rapport.insight;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A funnel kept under a name, to be shown again (and on the CX overview). {@code version} counts its edits;
 * {@code pathsReady} says its per-person paths are built for this version, so its reports read them rather than the
 * raw events (docs/metrics.md, "Saved funnels").
 */
public record SavedFunnel(Id id, String name, FunnelDefinition definition, Instant createdAt, Instant updatedAt,
        long version, boolean pathsReady) {

    public static final int MAX_NAME = 100;

    public record Id(@JsonValue UUID value) {

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
