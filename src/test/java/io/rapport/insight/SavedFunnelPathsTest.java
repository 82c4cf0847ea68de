package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved funnel answers from its kept paths exactly what the raw computation answers on the same events: for
 * several ranges and breakdowns, after messages that arrive out of order or days late, and after the funnel is edited.
 * The messages are random (seeded) within eight days, at whole minutes, from a dozen persons.
 */
@RapportTest
class SavedFunnelPathsTest {

    private static final Instant START = Instant.parse("2004-05-01T00:00:00Z");
    private static final List<String> RANGES = List.of("2004-05-01/2004-05-08", "2004-05-03/2004-05-03",
            "2004-05-02/2004-05-05", "2004-05-06/2004-05-08");
    private static final List<String> CONTEXTS = List.of("",
            "\"context\":{\"device\":{\"type\":\"mobile\"},\"campaign\":{\"name\":\"spring\"}}",
            "\"context\":{\"device\":{\"type\":\"tablet\"},\"campaign\":{\"name\":\"summer\"}}",
            "\"context\":{\"library\":{\"name\":\"analytics.js\"},\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0)\"}");

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    ConversionFunnels funnels;

    @Autowired
    SavedFunnels saved;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Random random = new Random(20040501);

    @Test
    void a_saved_funnel_answers_from_its_paths_what_the_events_answer() {
        RapportClient.TestSource web = rapport.newSource("SERVER");
        track(web, messages(150, 0, 8));
        String funnel = "{\"name\":\"Paths " + run + "\",\"steps\":" + steps("A", "B", "C") + ",\"window\":\"P1D\"}";
        RapportClient.Response created = send("POST", "/api/v1/funnels", funnel);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("paths").stringValue()).isEqualTo("building");
        String id = created.json().get("id").stringValue();
        awaitPaths(id);
        assertSameAsEvents(id, steps("A", "B", "C"), "P1D");

        // Late messages (days before the newest ones) and messages in no time order.
        track(web, messages(80, 0, 3));
        track(web, messages(60, 0, 8));
        assertSameAsEvents(id, steps("A", "B", "C"), "P1D");

        String edited = "[{\"name\":\"B-" + run + "\"},{\"name\":\"A-" + run + "\"},{\"name\":\"C-" + run
                + "\",\"property\":\"plan\",\"equals\":\"pro\"}]";
        RapportClient.Response put = send("PUT", "/api/v1/funnels/" + id, "{\"name\":\"Paths " + run
                + "\",\"steps\":" + edited + ",\"window\":\"PT6H\"}");
        assertThat(put.json().get("paths").stringValue()).isEqualTo("building");
        awaitPaths(id);
        track(web, messages(40, 1, 6));
        assertSameAsEvents(id, edited, "PT6H");
    }

    private void assertSameAsEvents(String id, String steps, String window) {
        for (String range : RANGES) {
            String from = range.substring(0, 10);
            String to = range.substring(11);
            for (String breakdown : new String[] {null, "channel", "device", "campaign"}) {
                String query = "&from=" + from + "&to=" + to + (breakdown == null ? "" : "&breakdown=" + breakdown);
                JsonNode kept = rapport.get("/api/v1/metrics/funnel?funnelId=" + id + query).json();
                RapportClient.Response raw = send("POST", "/api/v1/metrics/funnel", "{\"steps\":" + steps
                        + ",\"window\":\"" + window + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\""
                        + (breakdown == null ? "" : ",\"breakdown\":\"" + breakdown + "\"") + "}");
                assertThat(kept.get("computedFrom").stringValue()).isEqualTo("paths");
                assertThat(raw.json().get("computedFrom").stringValue()).isEqualTo("events");
                assertThat(without(kept)).as(range + " by " + breakdown).isEqualTo(without(raw.json()));
            }
            for (int step = 1; step < 3; step++) {
                String base = "/api/v1/metrics/funnel/dropoff?funnelId=" + id + "&from=" + from + "&to=" + to
                        + "&step=" + step;
                assertThat(dropOffPaged(base)).as(range + " step " + step).isEqualTo(dropOffRaw(id, from, to, step));
            }
        }
        assertThat(rapport.get("/api/v1/metrics/funnel?funnelId=" + id + "&from=2004-05-01&to=2004-05-08").json()
                .get("steps").get(0).get("persons").asLong()).isPositive();
    }

    /** All drop-off pages, three persons a page. */
    private List<String> dropOffPaged(String base) {
        List<String> persons = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = rapport.get(base + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> persons.add(item.get("identifier").stringValue() + " "
                    + item.get("reachedAt").stringValue()));
            cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
        } while (cursor != null);
        return persons;
    }

    /** The same list computed from the events: the funnel's definition as an unsaved query. */
    private List<String> dropOffRaw(String id, String from, String to, int step) {
        FunnelDefinition definition = saved.get(new SavedFunnel.Id(UUID.fromString(id))).definition();
        return funnels.dropOff(new FunnelQuery(definition, LocalDate.parse(from), LocalDate.parse(to), null), step,
                FunnelDropOff.MAX_LIMIT, null).items().stream().map(p -> p.identifier() + " " + p.reachedAt()).toList();
    }

    private static JsonNode without(JsonNode result) {
        ObjectNode copy = (ObjectNode) result.deepCopy();
        copy.remove("computedFrom");
        return copy;
    }

    private void awaitPaths(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                rapport.get("/api/v1/funnels/" + id).json().get("paths").stringValue().equals("ready"));
    }

    /** {@code count} messages of steps A, B or C at whole minutes in the days {@code fromDay} to {@code toDay}. */
    private List<String> messages(int count, int fromDay, int toDay) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = START.plus(Duration.ofMinutes(fromDay * 1_440L + random.nextInt((toDay - fromDay) * 1_440)));
            String step = List.of("A", "A", "B", "C").get(random.nextInt(4));
            String plan = random.nextBoolean() ? ",\"properties\":{\"plan\":\"pro\"}" : "";
            String context = CONTEXTS.get(random.nextInt(CONTEXTS.size()));
            messages.add("""
                    {"type":"track","event":"%s-%s","userId":"q%d-%s","messageId":"%s","timestamp":"%s"%s%s}"""
                    .formatted(step, run, random.nextInt(12), run, UUID.randomUUID(), at, plan,
                            context.isEmpty() ? "" : "," + context));
        }
        Collections.shuffle(messages, random);
        return messages;
    }

    private void track(RapportClient.TestSource web, List<String> messages) {
        for (String message : messages) {
            RapportClient.Response response = rapport.track("/v1/track", web.writeKey(), message);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.funnel-events"))
                .allMatch(c -> c.position() >= head));
    }

    private String steps(String... names) {
        List<String> steps = new ArrayList<>();
        for (String name : names) {
            steps.add("{\"type\":\"track\",\"name\":\"" + name + "-" + run + "\"}");
        }
        return "[" + String.join(",", steps) + "]";
    }

    private RapportClient.Response send(String method, String path, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
