package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.collect.internal.CollectProperties;
import io.rapport.platform.TokenBucket;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The per-source limit ({@code rapport.collect.source-rate-limit}), here 500 messages per second with the
 * smallest burst, one full batch of 2,500: a source that has just sent a full batch cannot send another for
 * five seconds, while other sources go on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.collect.source-rate-limit=500")
@ActiveProfiles("test")
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("ratelimit").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_source_within_its_limit_is_answered_as_always() throws Exception {
        RapportClient rapport = new RapportClient(port);
        RapportClient.TestSource source = rapport.newSource("SERVER");

        for (int i = 0; i < 20; i++) {
            assertThat(rapport.track("/v1/track", source.writeKey(), "{\"userId\":\"u\",\"event\":\"Within\"}")
                    .status()).isEqualTo(200);
        }
        assertThat(rapport.track("/v1/batch", source.writeKey(), batchOf(500, "Within", false)).status())
                .isEqualTo(200);

        assertThat(stored(source, "Within")).isEqualTo(520);
    }

    @Test
    void a_burst_over_the_limit_is_refused_whole_other_sources_go_on_and_a_retry_after_the_wait_passes()
            throws Exception {
        RapportClient rapport = new RapportClient(port);
        RapportClient.TestSource runaway = rapport.newSource("WEB");
        RapportClient.TestSource other = rapport.newSource("WEB");
        double limitedBefore = rateLimited();
        String refusedBatch = batchOf(2_500, "Refused", true);

        assertThat(rapport.track("/v1/batch", runaway.writeKey(), batchOf(2_500, "First", false)).status())
                .isEqualTo(200);
        Response refused = rapport.track("/v1/batch", runaway.writeKey(), refusedBatch);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 5L);
        JsonNode problem = refused.json();
        assertThat(problem.get("title").stringValue()).isEqualTo("Source rate limit exceeded");
        assertThat(problem.get("limit").asInt()).isEqualTo(500);
        assertThat(problem.get("detail").stringValue()).contains("500 messages per second",
                "rapport.collect.source-rate-limit");
        assertThat(stored(runaway, "Refused")).isZero();
        assertThat(rapport.get("/api/v1/failed-events?source=" + runaway.id()).json().get("items")).isEmpty();
        assertThat(rateLimited() - limitedBefore).isEqualTo(2_500);
        assertThat(rapport.get("/actuator/prometheus").body()).contains("rapport_events_rate_limited_total");

        // Meanwhile another source has its own bucket.
        assertThat(rapport.track("/v1/batch", other.writeKey(), batchOf(2_500, "Other", false)).status())
                .isEqualTo(200);
        assertThat(stored(other, "Other")).isEqualTo(2_500);

        // Retry-After is the bucket's refill time: the same call passes once it has passed.
        Thread.sleep(retryAfter * 1_000);
        Response retried = rapport.track("/v1/batch", runaway.writeKey(), refusedBatch);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("accepted").asInt()).isEqualTo(2_499);
        assertThat(stored(runaway, "Refused")).isEqualTo(2_499);
        assertThat(rapport.get("/api/v1/failed-events?source=" + runaway.id()).json().get("items")).hasSize(1);
        assertThat(rateLimited() - limitedBefore).isEqualTo(2_500);
    }

    @Test
    void a_bucket_refills_continuously_up_to_its_capacity() {
        long t = 7 * SECOND;
        TokenBucket bucket = new TokenBucket(50, 100, t);

        assertThat(bucket.tryTake(100, t)).isZero();
        assertThat(bucket.tryTake(1, t)).isEqualTo(SECOND / 50);
        assertThat(bucket.tryTake(60, t)).isEqualTo(SECOND * 6 / 5);
        assertThat(bucket.tryTake(101, t)).isEqualTo(Long.MAX_VALUE);

        t += SECOND;
        assertThat(bucket.tryTake(51, t)).isEqualTo(SECOND / 50);
        assertThat(bucket.tryTake(50, t)).isZero();
        assertThat(bucket.tryTake(1, t - SECOND)).as("an earlier reading of the clock adds nothing").isPositive();
        assertThat(bucket.full(t)).isFalse();

        t += 2 * SECOND;
        assertThat(bucket.full(t)).isTrue();
        assertThat(bucket.tryTake(100, t + 10 * SECOND)).as("capacity caps the refill").isZero();
        assertThat(bucket.tryTake(1, t + 10 * SECOND)).isPositive();
    }

    @Test
    void the_limit_is_off_by_default_and_a_negative_one_refuses_to_start() {
        ApplicationContextRunner context = new ApplicationContextRunner()
                .withUserConfiguration(CollectPropertiesOnly.class)
                .withPropertyValues("rapport.collect.queue-capacity=50000", "rapport.collect.max-group-size=5000",
                        "rapport.collect.ack-timeout=PT10S", "rapport.collect.consumer-batch-size=500",
                        "rapport.collect.failed-event-retention=P7D");

        context.run(started -> assertThat(started.getBean(CollectProperties.class).sourceRateLimit()).isZero());
        context.withPropertyValues("rapport.collect.source-rate-limit=-5").run(refused -> {
            assertThat(refused).hasFailed();
            assertThat(refused.getStartupFailure()).rootCause().hasMessageContaining("rapport.collect.source-rate-limit")
                    .hasMessageContaining("-5");
        });
    }

    /** Not a {@code @Configuration}: that would replace the application in this test's own context. */
    @EnableConfigurationProperties(CollectProperties.class)
    static class CollectPropertiesOnly {
    }

    private double rateLimited() {
        return meters.get("rapport.events.rate.limited").counter().count();
    }

    private long stored(RapportClient.TestSource source, String event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from events where source_id = ? and event = ?")) {
            count.setObject(1, UUID.fromString(source.id()));
            count.setString(2, event);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A batch of distinct messages; with {@code oneInvalid} its last message lacks its event name. */
    private static String batchOf(int messages, String event, boolean oneInvalid) {
        String prefix = UUID.randomUUID().toString();
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < messages; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"")
                    .append(prefix).append('-').append(i).append('"');
            if (!(oneInvalid && i == messages - 1)) {
                batch.append(",\"event\":\"").append(event).append('"');
            }
            batch.append('}');
        }
        return batch.append("]}").toString();
    }
}
