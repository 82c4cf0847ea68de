package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full ingest queue answers 429 with Retry-After at once, instead of making callers wait without bound, and
 * the calls already queued are still stored. The queue is made to fill by holding every database connection, so
 * the appender cannot commit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.collect.queue-capacity=2500", "spring.datasource.hikari.maximum-pool-size=2"})
@ActiveProfiles("test")
class OverloadTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("overload").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_full_queue_answers_429_with_retry_after_and_keeps_what_it_accepted() throws Exception {
        RapportClient rapport = new RapportClient(port);
        RapportClient.TestSource source = rapport.newSource("SERVER");
        CompletableFuture<Response> queued;
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(dataSource.getConnection());
            }
            queued = CompletableFuture.supplyAsync(() -> rapport.track("/v1/batch", source.writeKey(),
                    batchOf(2_500, "queued")));
            await().atMost(Duration.ofSeconds(5)).until(() -> queueDepth() == 2_500);

            Response refused = rapport.track("/v1/track", source.writeKey(), "{\"userId\":\"u\",\"event\":\"One more\"}");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("detail").stringValue()).contains("queue is full");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(queued.get().status()).isEqualTo(200);
        assertThat(rapport.get("/api/v1/events?limit=1000&source=" + source.id()).json().get("items")).hasSize(1_000);
        assertThat(rapport.get("/api/v1/events?limit=1&source=" + source.id() + "&type=track").json()
                .get("items").get(0).get("event").stringValue()).isEqualTo("queued");
    }

    private double queueDepth() {
        return meters.get("rapport.collect.queue.depth").gauge().value();
    }

    private static String batchOf(int messages, String event) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < messages; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"")
                    .append(event).append("\"}");
        }
        return batch.append("]}").toString();
    }
}
