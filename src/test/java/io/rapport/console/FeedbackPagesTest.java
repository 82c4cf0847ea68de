package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The feedback pages: the inbox for every role that reads it, its CSV export, and the topic-rules editor. */
@RapportTest
class FeedbackPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    RapportClient rapport;

    private ConsoleSession signedIn(Role role) {
        return ConsoleSession.newUser(port, users, role);
    }

    @Test
    void every_role_that_reads_customers_sees_the_inbox_and_bad_filters_get_a_readable_answer() {
        String marker = track("=HYPERLINK(\"http://evil.example\") The delivery was terrible and late");
        for (Role role : Role.values()) {
            ConsoleSession session = signedIn(role);
            ConsoleSession.Page page = session.get("/console/feedback?q=" + marker);
            assertThat(page.status()).as(role.name()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"feedback-filters\"", marker, "delivery");
            assertThat(session.get("/console").body()).as(role.name()).contains("href=\"/console/feedback\"");
        }
        ConsoleSession agent = signedIn(Role.AGENT);
        ConsoleSession.Page badDay = agent.get("/console/feedback?from=last-week");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.body()).contains("Give a day as 2026-06-30, not &#39;last-week&#39;");
        assertThat(agent.get("/console/feedback?sentiment=happy").body()).contains("sentiment is negative, neutral or positive");
        assertThat(agent.get("/console/feedback/export?q=" + marker).status()).as("agents read one at a time")
                .isEqualTo(403);
        assertThat(agent.get("/console/feedback/topics").status()).isEqualTo(403);
    }

    @Test
    void the_export_holds_the_filtered_items_with_formulas_defused() throws Exception {
        String marker = track("=HYPERLINK(\"http://evil.example\") The delivery was terrible and late");
        ConsoleSession marketer = signedIn(Role.MARKETER);

        ConsoleSession.Page csv = marketer.get("/console/feedback/export?sentiment=negative&q=" + marker, "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().get("text")).startsWith("'=HYPERLINK(").contains(marker);
        assertThat(records.getFirst().get("sentiment")).isEqualTo("negative");
        assertThat(records.getFirst().get("source")).isEqualTo("review");
        assertThat(records.getFirst().get("topics")).contains("delivery");
        assertThat(marketer.get("/console/feedback/export?sentiment=positive&q=" + marker, "text/csv").body()
                .lines()).as("the header alone").hasSize(1);
    }

    @Test
    void an_analyst_adds_a_suggested_phrase_as_a_topic() {
        String marker = track("The zipper broke after a week " + UUID.randomUUID());
        // Five texts: a phrase must recur in 2 texts, or in 1 of 200 of the newest English texts.
        for (String text : List.of("The zipper is stuck", "The zipper came off", "Zipper too tight", "zipper broken")) {
            track(text + " " + marker);
        }
        ConsoleSession analyst = signedIn(Role.ANALYST);
        JsonNode before = rapport.get("/api/v1/feedback/topics").json();

        ConsoleSession.Page editor = analyst.get("/console/feedback/topics?language=en");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("value=\"delivery\"", "Suggested topics", "zipper");
        try {
            ConsoleSession.Page added = analyst.post("/console/feedback/topics?language=en",
                    "/console/feedback/topics/add", Map.of("language", "en", "phrase", "zipper"));
            assertThat(added.status()).isEqualTo(302);
            assertThat(added.location()).endsWith("/console/feedback/topics?language=en");
            JsonNode rules = rapport.get("/api/v1/feedback/topics").json();
            assertThat(rules.get("version").asLong()).isEqualTo(before.get("version").asLong() + 1);
            assertThat(rules.get("rules").toString()).contains("{\"language\":\"en\",\"topic\":\"zipper\","
                    + "\"keywords\":[\"zipper\"]}");
            ConsoleSession.Page after = analyst.get("/console/feedback/topics?language=en");
            assertThat(after.body()).contains("value=\"zipper\"", "id=\"reread\"");
            ConsoleSession.Page refused = analyst.post("/console/feedback/topics?language=en",
                    "/console/feedback/topics/add", Map.of("language", "en", "phrase", "zipper"));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).contains("Nothing was saved", "Topic &#39;zipper&#39;", "has a rule in en already");
        } finally {
            assertThat(rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/feedback/topics"))
                    .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":" + before.get("rules") + "}"))).status())
                    .isEqualTo(200);
        }
    }

    /** Tracks a product review with this text and a marker word, waits for it in the inbox, answers the marker. */
    private String track(String text) {
        String marker = "ref" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String writeKey = rapport.newSource("WEB").writeKey();
        String body = """
                {"userId":"reviewer-%s","event":"Product Reviewed","properties":{"rating":1,"review_body":%s}}"""
                .formatted(marker, JsonMapper.shared().writeValueAsString(text + " " + marker));
        assertThat(rapport.track("/v1/track", writeKey, body).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/feedback?q=" + marker).json()
                .get("items").size() == 1);
        return marker;
    }
}
