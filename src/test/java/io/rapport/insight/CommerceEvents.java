package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends tracking messages one call each (to the path of their type), in order, and waits until the insight consumers have read them. */
public final class CommerceEvents {

    private static final List<String> CONSUMERS = List.of("insight.carts", "insight.channels");

    private CommerceEvents() {
    }

    public static void track(RapportClient rapport, IngestMonitor ingest, String writeKey, List<String> messages) {
        for (String message : messages) {
            String type = JsonMapper.shared().readTree(message).path("type").asString("track");
            RapportClient.Response response = rapport.track("/v1/" + type, writeKey, message);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        awaitConsumers(ingest);
    }

    public static void awaitConsumers(IngestMonitor ingest) {
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> CONSUMERS.contains(c.name()))
                .allMatch(c -> c.position() >= head));
    }

    /** Amounts per currency as {@code EUR 19.00; USD 150.00} (JSON numbers are read as doubles, so to cents). */
    static String amounts(JsonNode amounts) {
        List<String> parts = new ArrayList<>();
        amounts.properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().decimalValue()
                .setScale(2, RoundingMode.HALF_EVEN).toPlainString()));
        return String.join("; ", parts);
    }
}
