package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;

/** Touchpoints sent through the tracking API for the activity tests, and waiting until insight.activity read them. */
public final class ActivityMessages {

    private ActivityMessages() {
    }

    /** A page view by a signed-in person at {@code at}. */
    public static String page(String userId, Instant at) {
        return """
                {"type":"page","name":"Home","userId":"%s","messageId":"%s","timestamp":"%s"}"""
                .formatted(userId, UUID.randomUUID(), at);
    }

    /** A click by an anonymous visitor at {@code at}. */
    public static String click(String anonymousId, Instant at) {
        return """
                {"type":"track","event":"Product Clicked","anonymousId":"%s","messageId":"%s","timestamp":"%s"}"""
                .formatted(anonymousId, UUID.randomUUID(), at);
    }

    /** Sends the messages in this order, one call each, and waits until insight.activity read them. */
    public static void send(RapportClient rapport, IngestMonitor ingest, String writeKey, List<String> messages) {
        sendInBatches(rapport, ingest, writeKey, messages, 1);
    }

    /** Sends the messages in this order, {@code size} to a batch call, and waits until insight.activity read them. */
    public static void sendInBatches(RapportClient rapport, IngestMonitor ingest, String writeKey, List<String> messages,
            int size) {
        for (int i = 0; i < messages.size(); i += size) {
            RapportClient.Response response = rapport.track("/v1/batch", writeKey, "{\"batch\":["
                    + String.join(",", messages.subList(i, Math.min(messages.size(), i + size))) + "]}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        awaitConsumer(ingest);
    }

    public static void awaitConsumer(IngestMonitor ingest) {
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.activity"))
                .allMatch(c -> c.position() >= head));
    }
}
