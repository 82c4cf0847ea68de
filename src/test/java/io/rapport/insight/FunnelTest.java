package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Funnels A → B → C with a one-hour window, entered on 2003-03-10, on a hand-computed fixture (times UTC; event names
 * are this run's own, so other tests' events never count):
 * <pre>
 * p1: A 10:00, B 10:10, C 10:30                   all three (B after 600 s, C after 1,200 s; 1,800 s in all)
 * p2: B 09:00, A 10:00, C 10:20, B 10:40          A, B (2,400 s): its C came before its B, none after
 * p3: A 10:00, B 10:30, C 11:00:01                A, B (1,800 s): C is after the window
 * p4: A 10:00, A 10:05, B 10:50, C 10:55          all three (3,000 s, 300 s; 3,300 s): entered with the first A
 * p5: A 03-09 23:59, A 03-10 23:30, B 03-11 00:10 A, B (2,400 s): entered in the range, B after it but in the window
 * p6: B 10:00, C 10:10                            never entered
 * p7: A 03-11 00:30                               entered after the range: not counted
 * p8: A 10:00                                     A only
 * </pre>
 * p1 and p4 come from an iPhone (web, campaign spring), p2 from a tablet; the others say nothing (channel and device
 * other, no campaign).
 */
@RapportTest
class FunnelTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";

    @BeforeEach
    void track() {
        RapportClient.TestSource source = rapport.newSource("SERVER");
        List<String> messages = new ArrayList<>();
        for (String p : List.of("p1", "p4")) {
            messages.add(track(p, "A", "2003-03-10T10:00:00Z", mobile()));
        }
        messages.addAll(List.of(
                track("p1", "B", "2003-03-10T10:10:00Z", mobile()),
                track("p1", "C", "2003-03-10T10:30:00Z", "\"properties\":{\"plan\":\"pro\"}," + mobile()),
                track("p2", "B", "2003-03-10T09:00:00Z", tablet()), track("p2", "A", "2003-03-10T10:00:00Z", tablet()),
                track("p2", "C", "2003-03-10T10:20:00Z", tablet()), track("p2", "B", "2003-03-10T10:40:00Z", tablet()),
                track("p3", "A", "2003-03-10T10:00:00Z", ""), track("p3", "B", "2003-03-10T10:30:00Z", ""),
                track("p3", "C", "2003-03-10T11:00:01Z", ""),
                track("p4", "A", "2003-03-10T10:05:00Z", mobile()), track("p4", "B", "2003-03-10T10:50:00Z", mobile()),
                track("p4", "C", "2003-03-10T10:55:00Z", "\"properties\":{\"plan\":\"basic\"}," + mobile()),
                track("p5", "A", "2003-03-09T23:59:00Z", ""), track("p5", "A", "2003-03-10T23:30:00Z", ""),
                track("p5", "B", "2003-03-11T00:10:00Z", ""),
                track("p6", "B", "2003-03-10T10:00:00Z", ""), track("p6", "C", "2003-03-10T10:10:00Z", ""),
                track("p7", "A", "2003-03-11T00:30:00Z", ""),
                track("p8", "A", "2003-03-10T10:00:00Z", "")));
        for (String message : messages) {
            RapportClient.Response response = rapport.track("/v1/track", source.writeKey(), message);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.funnel-events"))
                .allMatch(c -> c.position() >= head));
    }

    @Test
    void persons_convert_each_step_in_order_within_the_window_after_their_first_entry() {
        JsonNode funnel = compute(steps("A", "B", "C"), "PT1H", "device");

        assertThat(column(funnel.get("steps"), "persons")).containsExactly("6", "5", "2");
        assertThat(column(funnel.get("steps"), "fromPrevious")).containsExactly("100.0", "83.33", "40.0");
        assertThat(column(funnel.get("steps"), "fromFirst")).containsExactly("100.0", "83.33", "33.33");
        // A → B: 600, 1,800, 2,400, 2,400, 3,000 s; B → C: 300, 1,200 s; A → C: 1,800, 3,300 s.
        // Percentiles interpolate between order statistics (type 7): p90 of five = x4 + 0.6 (x5 − x4).
        assertThat(column(funnel.get("steps"), "time")).containsExactly(
                "{\"medianSeconds\":null,\"p90Seconds\":null}", "{\"medianSeconds\":2400,\"p90Seconds\":2760}",
                "{\"medianSeconds\":750,\"p90Seconds\":1110}");
        assertThat(funnel.get("timeToConvert").toString()).isEqualTo("{\"medianSeconds\":2550,\"p90Seconds\":3150}");
        assertThat(groups(funnel)).containsExactly("other [3, 2, 0]", "mobile [2, 2, 2]", "tablet [1, 1, 0]");
        assertThat(funnel.get("window").stringValue()).isEqualTo("PT1H");
    }

    @Test
    void a_breakdown_groups_entrants_by_the_channel_or_campaign_of_their_first_step() {
        assertThat(groups(compute(steps("A", "B", "C"), "PT1H", "channel")))
                .containsExactly("other [4, 3, 0]", "web [2, 2, 2]");
        assertThat(groups(compute(steps("A", "B", "C"), "PT1H", "campaign")))
                .containsExactly("(none) [4, 3, 0]", "spring [2, 2, 2]");
    }

    @Test
    void a_longer_window_lets_later_steps_count() {
        // Within a day p3's C counts too (p2's C still came before its B).
        JsonNode funnel = compute(steps("A", "B", "C"), "P1D", null);

        assertThat(column(funnel.get("steps"), "persons")).containsExactly("6", "5", "3");
        assertThat(funnel.get("window").stringValue()).isEqualTo("P1D");
    }

    @Test
    void a_repeated_step_needs_a_second_message_and_a_property_filter_must_match() {
        // A twice within the hour: only p4. A then C with plan = pro: only p1.
        assertThat(column(compute(steps("A", "A"), "PT1H", null).get("steps"), "persons")).containsExactly("6", "1");
        String filtered = "[{\"name\":\"A-" + run + "\"},{\"type\":\"track\",\"name\":\"C-" + run
                + "\",\"property\":\"plan\",\"equals\":\"pro\"}]";
        assertThat(column(compute(filtered, "PT1H", null).get("steps"), "persons")).containsExactly("6", "1");
    }

    @Test
    void a_saved_funnel_lists_who_dropped_off_a_step_page_by_page() {
        RapportClient.Response created = send("POST", "/api/v1/funnels", "{\"name\":\"Checkout " + run
                + "\",\"steps\":" + steps("A", "B", "C") + ",\"window\":\"PT1H\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        String base = "/api/v1/metrics/funnel/dropoff?funnelId=" + id + "&from=2003-03-10&to=2003-03-10";

        JsonNode first = rapport.get(base + "&step=2&limit=2").json();
        JsonNode second = rapport.get(base + "&step=2&limit=2&cursor=" + first.get("next").stringValue()).json();
        JsonNode afterA = rapport.get(base + "&step=1").json();

        List<String> dropped = new ArrayList<>(column(first.get("items"), "identifier"));
        dropped.addAll(column(second.get("items"), "identifier"));
        assertThat(dropped).containsExactlyInAnyOrder(person("p2"), person("p3"), person("p5"));
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(first.get("reached").stringValue()).isEqualTo("B-" + run);
        assertThat(column(afterA.get("items"), "identifier")).containsExactly(person("p8"));
        assertThat(afterA.get("items").get(0).get("reachedAt").stringValue()).isEqualTo("2003-03-10T10:00:00Z");
        await().atMost(Duration.ofSeconds(30)).until(() -> !rapport.get(base + "&step=1").json().get("items").get(0)
                .get("customerId").isNull());
        JsonNode saved = rapport.get("/api/v1/metrics/funnel?funnelId=" + id + "&from=2003-03-10&to=2003-03-10").json();
        assertThat(column(saved.get("steps"), "persons")).containsExactly("6", "5", "2");
    }

    @Test
    void saved_funnels_can_be_renamed_and_deleted() {
        String id = send("POST", "/api/v1/funnels", "{\"name\":\"Signup " + run + "\",\"steps\":" + steps("A", "B")
                + ",\"window\":\"P7D\"}").json().get("id").stringValue();

        RapportClient.Response renamed = send("PUT", "/api/v1/funnels/" + id, "{\"name\":\"Sign-up " + run
                + "\",\"steps\":" + steps("A", "C") + ",\"window\":\"P30D\"}");

        assertThat(renamed.json().get("name").stringValue()).isEqualTo("Sign-up " + run);
        assertThat(renamed.json().get("window").stringValue()).isEqualTo("P30D");
        assertThat(renamed.json().get("steps").get(1).get("name").stringValue()).isEqualTo("C-" + run);
        assertThat(rapport.get("/api/v1/funnels").json().get("items").toString()).contains("Sign-up " + run);
        assertThat(send("DELETE", "/api/v1/funnels/" + id, "").status()).isEqualTo(204);
        assertThat(rapport.get("/api/v1/funnels/" + id).status()).isEqualTo(404);
    }

    @Test
    void an_erased_person_leaves_the_funnel() {
        String funnel = send("POST", "/api/v1/funnels", "{\"name\":\"Erased " + run + "\",\"steps\":"
                + steps("A", "B", "C") + ",\"window\":\"PT1H\"}").json().get("id").stringValue();
        await().atMost(Duration.ofSeconds(60)).until(() -> rapport.get("/api/v1/funnels/" + funnel).json().get("paths")
                .stringValue().equals("ready"));
        String customer = await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?userId="
                + person("p8").substring(5)).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();
        JsonNode export = rapport.get("/api/v1/customers/" + customer + "/export").json();
        assertThat(export.get("modules").get("insight").get("funnelEvents").get(0).get("name").stringValue())
                .isEqualTo("A-" + run);

        RapportClient.Response erased = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customers/" + customer))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("counts").get("insight").get("insight_funnel_events").asLong()).isEqualTo(1);
        assertThat(erased.json().get("counts").get("insight").get("insight_funnel_paths").asLong()).isEqualTo(1);
        assertThat(column(compute(steps("A", "B", "C"), "PT1H", null).get("steps"), "persons"))
                .containsExactly("5", "5", "2");
        JsonNode saved = rapport.get("/api/v1/metrics/funnel?funnelId=" + funnel + "&from=2003-03-10&to=2003-03-10")
                .json();
        assertThat(saved.get("computedFrom").stringValue()).isEqualTo("paths");
        assertThat(column(saved.get("steps"), "persons")).containsExactly("5", "5", "2");
    }

    @Test
    void bad_input_is_a_problem_naming_the_field() {
        String eleven = "[" + String.join(",", java.util.Collections.nCopies(11, "{\"name\":\"A\"}")) + "]";
        assertThat(problem("{\"steps\":[{\"name\":\"A\"}],\"window\":\"PT1H\"}")).isEqualTo("steps");
        assertThat(problem("{\"steps\":" + eleven + ",\"window\":\"PT1H\"}")).isEqualTo("steps");
        assertThat(problem("{\"steps\":[{\"name\":\"A\"},{\"name\":\" \"}],\"window\":\"PT1H\"}"))
                .isEqualTo("steps[1].name");
        assertThat(problem("{\"steps\":[{\"type\":\"click\",\"name\":\"A\"},{\"name\":\"B\"}],\"window\":\"PT1H\"}"))
                .isEqualTo("steps[0].type");
        assertThat(problem("{\"steps\":[{\"name\":\"A\"},{\"name\":\"B\",\"property\":\"plan\"}],\"window\":\"PT1H\"}"))
                .isEqualTo("steps[1].equals");
        assertThat(problem("{\"steps\":" + steps("A", "B") + ",\"window\":\"P91D\"}")).isEqualTo("window");
        assertThat(problem("{\"steps\":" + steps("A", "B") + ",\"window\":\"an hour\"}")).isEqualTo("window");
        assertThat(problem("{\"steps\":" + steps("A", "B") + ",\"window\":\"PT1H\",\"from\":\"2003-03-11\","
                + "\"to\":\"2003-03-10\"}")).isEqualTo("to");
        assertThat(problem("{\"steps\":" + steps("A", "B") + ",\"window\":\"PT1H\",\"from\":\"2002-01-01\","
                + "\"to\":\"2003-03-10\"}")).isEqualTo("from");
        assertThat(problem("{\"steps\":" + steps("A", "B") + ",\"window\":\"PT1H\",\"breakdown\":\"country\"}"))
                .isEqualTo("breakdown");
        assertThat(rapport.get("/api/v1/metrics/funnel?funnelId=nope").json().get("field").stringValue())
                .isEqualTo("funnelId");
        String id = send("POST", "/api/v1/funnels", "{\"name\":\"Two " + run + "\",\"steps\":" + steps("A", "B")
                + ",\"window\":\"PT1H\"}").json().get("id").stringValue();
        assertThat(rapport.get("/api/v1/metrics/funnel/dropoff?funnelId=" + id + "&step=2").json().get("field")
                .stringValue()).isEqualTo("step");
        assertThat(rapport.get("/api/v1/metrics/funnel/dropoff?funnelId=" + id + "&step=1&limit=1001").json()
                .get("field").stringValue()).isEqualTo("limit");
        assertThat(rapport.get("/api/v1/metrics/funnel/dropoff?funnelId=" + id + "&step=1&cursor=%25%25").json()
                .get("field").stringValue()).isEqualTo("cursor");
        assertThat(send("POST", "/api/v1/funnels", "{\"name\":\" \",\"steps\":" + steps("A", "B")
                + ",\"window\":\"PT1H\"}").json().get("field").stringValue()).isEqualTo("name");
    }

    private String problem(String body) {
        RapportClient.Response response = send("POST", "/api/v1/metrics/funnel", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("field").stringValue();
    }

    private JsonNode compute(String steps, String window, String breakdown) {
        RapportClient.Response response = send("POST", "/api/v1/metrics/funnel", "{\"steps\":" + steps
                + ",\"window\":\"" + window + "\",\"from\":\"2003-03-10\",\"to\":\"2003-03-10\""
                + (breakdown == null ? "" : ",\"breakdown\":\"" + breakdown + "\"") + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String steps(String... names) {
        List<String> steps = new ArrayList<>();
        for (String name : names) {
            steps.add("{\"type\":\"track\",\"name\":\"" + name + "-" + run + "\"}");
        }
        return "[" + String.join(",", steps) + "]";
    }

    private static List<String> column(JsonNode rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.get(field).isString() ? row.get(field).stringValue()
                : row.get(field).toString()));
        return values;
    }

    private static List<String> groups(JsonNode funnel) {
        List<String> groups = new ArrayList<>();
        funnel.get("groups").forEach(g -> groups.add(g.get("key").stringValue() + " "
                + column(g.get("steps"), "persons").toString().replace("\"", "")));
        return groups;
    }

    private String person(String p) {
        return "user:" + p + "-" + run;
    }

    private String track(String p, String step, String at, String extra) {
        return """
                {"type":"track","event":"%s-%s","userId":"%s-%s","messageId":"%s","timestamp":"%s"%s}"""
                .formatted(step, run, p, run, UUID.randomUUID(), at, extra.isEmpty() ? "" : "," + extra);
    }

    private static String mobile() {
        return "\"context\":{\"userAgent\":\"" + IPHONE + "\",\"campaign\":{\"name\":\"spring\"}}";
    }

    private static String tablet() {
        return "\"context\":{\"device\":{\"type\":\"tablet\"}}";
    }

    private RapportClient.Response send(String method, String path, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }
}
