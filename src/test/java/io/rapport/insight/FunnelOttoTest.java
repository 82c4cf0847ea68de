package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The funnel Product Clicked → Product Added → Order Completed on the first 20 sessions of the OTTO data set (CC BY
 * 4.0, see otto/README.md), each session one person, sent through the tracking API with their timestamps, against
 * a computation straight from the file: a person enters with their first click in the days asked for, then each step
 * is their first event of it after the previous one, within the window after the click.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelOttoTest {

    private static final Map<String, String> EVENTS = Map.of("clicks", "Product Clicked", "carts", "Product Added",
            "orders", "Order Completed");
    private static final List<String> STEPS = List.of("clicks", "carts", "orders");

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Session> sessions = new ArrayList<>();

    record Event(String type, long ts) {
    }

    record Session(long id, List<Event> events) {
    }

    @BeforeAll
    void trackSessions() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(FunnelOttoTest.class.getResourceAsStream(
                "otto/otto_train_first20_sessions.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode session = JsonMapper.shared().readTree(line);
                List<Event> events = new ArrayList<>();
                session.get("events").forEach(e -> events.add(new Event(e.get("type").stringValue(),
                        e.get("ts").asLong())));
                sessions.add(new Session(session.get("session").asLong(), events));
            }
        }
        assertThat(sessions).hasSize(20);
        String writeKey = rapport.newSource("SERVER").writeKey();
        List<String> batch = new ArrayList<>();
        for (Session session : sessions) {
            for (Event event : session.events()) {
                batch.add("""
                        {"type":"track","event":"%s","userId":"otto-%s-%d","messageId":"%s","timestamp":"%s"}"""
                        .formatted(EVENTS.get(event.type()), run, session.id(), UUID.randomUUID(),
                                Instant.ofEpochMilli(event.ts())));
                if (batch.size() == 200) {
                    send(writeKey, batch);
                }
            }
        }
        send(writeKey, batch);
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.funnel-events"))
                .allMatch(c -> c.position() >= head));
    }

    @Test
    void the_whole_sample_within_a_week() {
        compare(LocalDate.parse("2022-07-31"), LocalDate.parse("2022-08-28"), Duration.ofDays(7));
    }

    @Test
    void the_whole_sample_within_an_hour() {
        compare(LocalDate.parse("2022-07-31"), LocalDate.parse("2022-08-28"), Duration.ofHours(1));
    }

    @Test
    void entries_from_the_first_of_august_within_thirty_days() {
        // Sessions whose only July clicks came before the range enter with a later click, or not at all.
        compare(LocalDate.parse("2022-08-01"), LocalDate.parse("2022-08-28"), Duration.ofDays(30));
    }

    @Test
    void entries_in_the_middle_of_the_sample_within_a_day() {
        compare(LocalDate.parse("2022-08-05"), LocalDate.parse("2022-08-15"), Duration.ofDays(1));
    }

    private void compare(LocalDate from, LocalDate to, Duration window) {
        long[] expected = new long[STEPS.size()];
        List<Double> overall = new ArrayList<>();
        for (Session session : sessions) {
            long[] times = path(session, from, to, window);
            for (int step = 0; step < times.length; step++) {
                expected[step]++;
            }
            if (times.length == STEPS.size()) {
                overall.add((times[times.length - 1] - times[0]) / 1000.0);
            }
        }

        RapportClient.Response response = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/metrics/funnel"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"steps":[{"name":"Product Clicked"},{"name":"Product Added"},{"name":"Order Completed"}],
                         "window":"%s","from":"%s","to":"%s"}""".formatted(window, from, to))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> persons = new ArrayList<>();
        response.json().get("steps").forEach(step -> persons.add(step.get("persons").asLong()));

        assertThat(persons).containsExactly(Arrays.stream(expected).boxed().toArray(Long[]::new));
        assertThat(expected[0]).isPositive();
        JsonNode time = response.json().get("timeToConvert").get("medianSeconds");
        assertThat(time.isNull() ? null : time.asLong()).isEqualTo(median(overall));
    }

    /** When the session did each step it reached, from the file alone. */
    private static long[] path(Session session, LocalDate from, LocalDate to, Duration window) {
        long enterFrom = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long enterUntil = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<Long> times = new ArrayList<>();
        for (Event event : session.events()) {
            if (times.isEmpty()) {
                if (event.type().equals(STEPS.getFirst()) && event.ts() >= enterFrom && event.ts() < enterUntil) {
                    times.add(event.ts());
                }
            } else if (times.size() < STEPS.size() && event.type().equals(STEPS.get(times.size()))
                    && event.ts() - times.getFirst() <= window.toMillis()) {
                times.add(event.ts());
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** The median, the mean of the two middle values for an even count, rounded to whole seconds. */
    private static Long median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return Math.round(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private void send(String writeKey, List<String> messages) {
        if (messages.isEmpty()) {
            return;
        }
        RapportClient.Response response = rapport.track("/v1/batch", writeKey, "{\"batch\":["
                + String.join(",", messages) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        messages.clear();
    }
}
