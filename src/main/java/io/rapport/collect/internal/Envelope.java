package io.rapport.collect.internal;

import java.time.Instant;

import io.rapport.collect.Source;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one tracking call gives all of its messages: the source, the time it was received, the caller's IP
 * (used for client-side libraries only) and, for batches, the top-level {@code context}, {@code integrations}
 * and {@code sentAt} (parsed once for all of them).
 */
public record Envelope(Source.Id source, Instant receivedAt, @Nullable String clientIp, @Nullable ObjectNode context,
        @Nullable ObjectNode integrations, @Nullable Instant sentAt) {
}
