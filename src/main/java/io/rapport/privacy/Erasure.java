package io.rapport.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The audit record of one erasure. It holds no personal data: not the customer id, nor any identifier; only who
 * asked (an API key's prefix or a console user), when, and how many rows of which table each module erased.
 */
public record Erasure(Id id, Instant erasedAt, String requestedBy, Map<String, Map<String, Long>> counts) {

    public record Id(@JsonValue UUID value) {
    }

    /** Rows erased over all modules. */
    public long total() {
        return counts.values().stream().flatMap(tables -> tables.values().stream()).mapToLong(Long::longValue).sum();
    }
}
