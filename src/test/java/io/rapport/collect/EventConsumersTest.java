package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Consumers see every event once, in order, even when they fail half-way through a batch. */
@RapportTest
@Import(EventConsumersTest.Probe.class)
class EventConsumersTest {

    @Autowired
    HourlyEventCounts hourlyCounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    RapportClient rapport;

    @Test
    void hourly_counts_count_every_stored_event_once() {
        JsonNode source = rapport.createSource("STORE");
        String writeKey = source.get("writeKey").stringValue();
        rapport.track("/v1/batch", writeKey, """
                {"batch":[{"type":"track","userId":"u","event":"A","messageId":"m1"},
                          {"type":"track","userId":"u","event":"B","messageId":"m2"},
                          {"type":"identify","userId":"u","messageId":"m3"}]}""");
        rapport.track("/v1/batch", writeKey, """
                {"batch":[{"type":"track","userId":"u","event":"A","messageId":"m1"},
                          {"type":"track","userId":"u","event":"C","messageId":"m4"}]}""");

        Source.Id id = Source.Id.of(source.get("id").stringValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<HourlyEventCounts.Count> counts = hourlyCounts.since(Instant.now().minusSeconds(7200)).stream()
                    .filter(c -> c.source().equals(id)).toList();
            assertThat(counts.stream().filter(c -> c.type() == MessageType.TRACK).mapToLong(c -> c.events()).sum())
                    .isEqualTo(3);
            assertThat(counts.stream().filter(c -> c.type() == MessageType.IDENTIFY).mapToLong(c -> c.events()).sum())
                    .isEqualTo(1);
        });
    }

    @Test
    void a_consumer_that_fails_mid_batch_is_rolled_back_and_sees_each_event_once() {
        JsonNode source = rapport.createSource("PHONE");
        Probe.source = source.get("id").stringValue();
        Probe.failOnce.set(true);
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 30; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Call ").append(i)
                    .append("\"}");
        }
        rapport.track("/v1/batch", source.get("writeKey").stringValue(), batch.append("]}").toString());

        // While it waits to retry, the consumer shows its error, the events it has not read, and their wait.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            IngestStatus.ConsumerLag lag = probeLag();
            assertThat(lag.lastError()).contains("Simulated failure");
            assertThat(lag.behind()).isGreaterThanOrEqualTo(30);
            assertThat(lag.delay()).isGreaterThan(Duration.ofMillis(500));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from consumer_probe where source_id = ?").param(Probe.source)
                .query(Long.class).single()).isEqualTo(30));
        assertThat(Probe.failOnce.get()).as("the consumer did fail once").isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(probeLag().behind()).isZero();
            assertThat(probeLag().delay()).isZero();
            assertThat(probeLag().lastError()).isNull();
        });
    }

    private IngestStatus.ConsumerLag probeLag() {
        return ingest.status().consumers().stream().filter(c -> c.name().equals("test.consumer-probe")).findFirst()
                .orElseThrow();
    }

    /**
     * Records the events of one source in a table whose primary key refuses a second sighting, and throws once
     * after writing half a batch: without the rollback the retry would hit a duplicate key and never finish.
     */
    @TestConfiguration
    static class Probe {

        static volatile String source = "";
        static final AtomicBoolean failOnce = new AtomicBoolean();

        @Bean
        EventConsumer consumerProbe(JdbcClient jdbc) {
            jdbc.sql("create table if not exists consumer_probe (seq bigint primary key, source_id varchar(36))")
                    .update();
            return new EventConsumer() {
                @Override
                public String name() {
                    return "test.consumer-probe";
                }

                @Override
                public void consume(List<TrackedEvent> events) {
                    int written = 0;
                    for (TrackedEvent event : events) {
                        if (!event.sourceId().toString().equals(source)) {
                            continue;
                        }
                        jdbc.sql("insert into consumer_probe (seq, source_id) values (?, ?)")
                                .params(event.seq(), source).update();
                        if (++written == 10 && failOnce.compareAndSet(true, false)) {
                            throw new IllegalStateException("Simulated failure half-way through a batch");
                        }
                    }
                }
            };
        }
    }
}
