package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Segment's own Java library, pointed at Rapport, delivers every kind of message intact. */
@RapportTest
class AnalyticsJavaClientTest {

    @Autowired
    RapportClient rapport;

    @Test
    void every_message_type_sent_by_analytics_java_is_stored_once_with_its_fields() throws Exception {
        JsonNode source = rapport.createSource("SERVER");
        Instant happened = Instant.parse("2026-01-02T03:04:05.678Z");
        String run = UUID.randomUUID().toString();
        List<MessageBuilder<?, ?>> messages = List.of(
                TrackMessage.builder("Order Completed").userId("u-" + run)
                        .properties(Map.of("revenue", 19.99, "currency", "EUR",
                                "products", List.of(Map.of("sku", "A-1", "quantity", 2))))
                        .timestamp(Date.from(happened)).messageId(run + "-track"),
                IdentifyMessage.builder().userId("u-" + run).traits(Map.of("email", "ana@example.com", "plan", "gold"))
                        .messageId(run + "-identify"),
                PageMessage.builder("Checkout").anonymousId("a-" + run).properties(Map.of("path", "/checkout"))
                        .messageId(run + "-page"),
                ScreenMessage.builder("Cart").userId("u-" + run).messageId(run + "-screen"),
                GroupMessage.builder("acme-" + run).userId("u-" + run).traits(Map.of("name", "Acme"))
                        .messageId(run + "-group"),
                AliasMessage.builder("a-" + run).userId("u-" + run).messageId(run + "-alias"));

        deliver(source.get("writeKey").stringValue(), messages);

        Map<String, JsonNode> stored = storedByMessageId(source.get("id").stringValue());
        assertThat(stored).hasSize(6).containsKeys(run + "-track", run + "-identify", run + "-page",
                run + "-screen", run + "-group", run + "-alias");

        JsonNode track = stored.get(run + "-track");
        assertThat(track.get("type").stringValue()).isEqualTo("track");
        assertThat(track.get("event").stringValue()).isEqualTo("Order Completed");
        assertThat(track.get("userId").stringValue()).isEqualTo("u-" + run);
        JsonNode properties = track.get("payload").get("properties");
        assertThat(properties.get("revenue").asDouble()).isEqualTo(19.99);
        assertThat(properties.get("products").get(0).get("sku").stringValue()).isEqualTo("A-1");
        assertThat(track.get("payload").get("context").get("library").get("name").stringValue())
                .isEqualTo("analytics-java");
        // Clock-skew correction keeps a past timestamp where the client put it (within the transit time).
        Instant corrected = Instant.parse(track.get("timestamp").stringValue());
        assertThat(Duration.between(happened, corrected).abs()).isLessThan(Duration.ofSeconds(5));

        assertThat(stored.get(run + "-identify").get("payload").get("traits").get("email").stringValue())
                .isEqualTo("ana@example.com");
        assertThat(stored.get(run + "-page").get("anonymousId").stringValue()).isEqualTo("a-" + run);
        assertThat(stored.get(run + "-page").get("payload").get("name").stringValue()).isEqualTo("Checkout");
        assertThat(stored.get(run + "-screen").get("type").stringValue()).isEqualTo("screen");
        assertThat(stored.get(run + "-group").get("payload").get("groupId").stringValue()).isEqualTo("acme-" + run);
        assertThat(stored.get(run + "-alias").get("payload").get("previousId").stringValue()).isEqualTo("a-" + run);
        assertThat(stored.get(run + "-alias").get("payload").get("receivedAt")).isNotNull();
        assertThat(Instant.parse(stored.get(run + "-identify").get("receivedAt").stringValue()))
                .isCloseTo(Instant.now(), within(1, java.time.temporal.ChronoUnit.MINUTES));
    }

    @Test
    void a_batch_retried_by_the_client_is_stored_once() throws Exception {
        JsonNode source = rapport.createSource("SERVER");
        String run = UUID.randomUUID().toString();
        List<MessageBuilder<?, ?>> batch = List.of(
                TrackMessage.builder("Product Viewed").userId("u1").messageId(run + "-1"),
                TrackMessage.builder("Product Viewed").userId("u1").messageId(run + "-2"));

        deliver(source.get("writeKey").stringValue(), batch);
        deliver(source.get("writeKey").stringValue(), batch);

        assertThat(storedByMessageId(source.get("id").stringValue())).hasSize(2);
    }

    /** Sends through analytics-java in batches of 3 and waits for its success callbacks. */
    private void deliver(String writeKey, List<MessageBuilder<?, ?>> messages) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(messages.size());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Analytics analytics = Analytics.builder(writeKey).endpoint(rapport.base()).flushQueueSize(3)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        done.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                        done.countDown();
                    }
                })
                .build();
        try {
            messages.forEach(analytics::enqueue);
            analytics.flush();
            assertThat(done.await(30, TimeUnit.SECONDS)).as("analytics-java reported every message").isTrue();
            assertThat(failures).isEmpty();
        } finally {
            analytics.shutdown();
        }
    }

    private Map<String, JsonNode> storedByMessageId(String sourceId) {
        JsonNode page = rapport.get("/api/v1/events?limit=1000&source=" + sourceId).json();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode item : page.get("items")) {
            assertThat(byId.put(item.get("messageId").stringValue(), item)).as("stored once").isNull();
        }
        return byId;
    }
}
