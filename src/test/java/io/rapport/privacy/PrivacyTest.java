package io.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyOffer;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.Surveys;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Data-subject export and erasure across every module, and consents, over the real API. */
@RapportTest
class PrivacyTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @Autowired
    FollowUpCases cases;

    /** A person with a unique user id, email, phone and last name, so the whole database can be searched for them. */
    record Person(String customerId, String userId, String anonymousWeb, String anonymousApp, String email,
            String rawPhone, String phone, String lastName) {

        List<String> traces() {
            return List.of(userId, anonymousWeb, anonymousApp, email, phone, rawPhone, lastName);
        }
    }

    @Test
    void an_export_holds_everything_rapport_keeps_about_a_person() {
        Person ana = track("Ana");

        JsonNode export = rapport.get("/api/v1/customers/" + ana.customerId() + "/export").json();

        assertThat(export.get("customerId").stringValue()).isEqualTo(ana.customerId());
        assertThat(texts(export.get("identifiers"))).containsExactlyInAnyOrder("user:" + ana.userId(),
                "anon:" + ana.anonymousWeb(), "anon:" + ana.anonymousApp(), "email:" + ana.email(),
                "phone:" + ana.phone());
        JsonNode collect = export.get("modules").get("collect");
        List<String> types = new ArrayList<>();
        collect.get("events").forEach(e -> types.add(e.get("message").get("type").stringValue()));
        assertThat(types).containsExactlyInAnyOrder("page", "track", "identify", "identify", "track", "track",
                "track");
        JsonNode commerce = export.get("modules").get("commerce");
        assertThat(commerce.get("orders")).hasSize(1);
        assertThat(commerce.get("carts")).hasSize(1);
        assertThat(collect.get("failedEvents")).hasSize(1);
        assertThat(collect.get("failedEvents").get(0).get("payload").stringValue()).contains(ana.rawPhone());
        JsonNode profile = export.get("modules").get("customer").get("profile");
        assertThat(profile.get("traits").get("lastName").get("value").stringValue()).isEqualTo(ana.lastName());
        assertThat(profile.get("traits").get("firstName").get("value").stringValue()).isEqualTo("Ana");
        assertThat(export.get("modules").get("customer").get("identityLinks")).hasSize(4);
        List<String> consents = new ArrayList<>();
        export.get("modules").get("privacy").get("consents").forEach(c -> consents.add(c.get("purpose").stringValue()
                + "=" + c.get("status").stringValue() + "/" + c.get("source").stringValue()));
        assertThat(consents).containsExactlyInAnyOrder("marketing_email=granted/event", "analytics=denied/api");
        JsonNode feedback = export.get("modules").get("feedback");
        assertThat(feedback.get("surveyInvitations")).hasSize(2);
        List<String> comments = new ArrayList<>();
        feedback.get("surveyResponses").forEach(r -> comments.add(r.get("comment").stringValue()));
        assertThat(comments).containsExactlyInAnyOrder("Call me back, Ana " + ana.lastName() + ".",
                "Write to " + ana.email() + " please");
        List<String> inbox = new ArrayList<>();
        export.get("modules").get("feedback-inbox").get("feedbackItems").forEach(i -> inbox.add(i.get("text")
                .stringValue()));
        assertThat(inbox).as("the comments as the feedback inbox holds them").containsExactlyInAnyOrderElementsOf(
                comments);
        assertThat(feedback.get("followUpCases")).as("the detractor's case").hasSize(1);
        assertThat(feedback.get("followUpCases").get(0).get("notes").get(0).get("text").stringValue())
                .contains(ana.phone());
    }

    @Test
    void an_erasure_leaves_no_trace_of_the_person_in_any_table() {
        Person tracked = track("Ana");
        Person bob = track("Bob");
        Person carl = track("Carl");
        // An operator merge, undone: its record names Ana too.
        RapportClient.Response merge = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/customers/" + tracked.customerId() + "/merge"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + carl.customerId() + "\"}")));
        assertThat(merge.status()).isEqualTo(200);
        assertThat(rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customer-merges/"
                        + merge.json().get("id").stringValue() + "/undo"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
        // Undoing a merge may give one side a new customer id: look Ana up again.
        Person ana = new Person(awaitCustomer(tracked.userId(), 5), tracked.userId(), tracked.anonymousWeb(),
                tracked.anonymousApp(), tracked.email(), tracked.rawPhone(), tracked.phone(), tracked.lastName());
        JsonNode bobBefore = rapport.get("/api/v1/customers/" + bob.customerId() + "/export").json().get("modules");
        assertThat(tablesMentioning(ana.traces())).as("the search finds the person before the erasure")
                .containsKeys("EVENTS", "FAILED_EVENTS", "IDENTITIES", "CUSTOMER_TRAITS", "IDENTITY_LINKS",
                        "COMMERCE_ORDERS", "COMMERCE_CARTS", "SURVEY_INVITATIONS", "SURVEY_RESPONSES", "SURVEY_ANSWERS",
                        "SURVEY_CONTACT_LOCKS", "FEEDBACK_ITEMS", "FOLLOW_UP_CASES",
                        "FOLLOW_UP_NOTES");

        RapportClient.Response erased = delete("/api/v1/customers/" + ana.customerId(), RapportClient.ADMIN_KEY);

        assertThat(erased.status()).isEqualTo(200);
        JsonNode counts = erased.json().get("counts");
        assertThat(counts.get("collect").get("events").asLong()).isEqualTo(7);
        assertThat(counts.get("commerce").get("commerce_orders").asLong()).isEqualTo(1);
        assertThat(counts.get("commerce").get("commerce_order_lines").asLong()).isEqualTo(1);
        assertThat(counts.get("commerce").get("commerce_carts").asLong()).isEqualTo(1);
        assertThat(counts.get("collect").get("failed_events").asLong()).isEqualTo(1);
        assertThat(counts.get("customer").get("identities").asLong()).isEqualTo(5);
        assertThat(counts.get("customer").get("customers").asLong()).isEqualTo(1);
        assertThat(counts.get("customer").get("customer_merges").asLong()).isEqualTo(1);
        assertThat(counts.get("privacy").get("consents").asLong()).isEqualTo(2);
        assertThat(counts.get("feedback").get("survey_invitations").asLong()).isEqualTo(2);
        assertThat(counts.get("feedback").get("survey_responses").asLong()).isEqualTo(2);
        assertThat(counts.get("feedback").get("survey_answers").asLong()).isEqualTo(4);
        assertThat(counts.get("feedback").get("survey_contact_locks").asLong()).isEqualTo(1);
        assertThat(counts.get("feedback-inbox").get("feedback_items").asLong()).isEqualTo(2);
        assertThat(counts.get("feedback").get("follow_up_cases").asLong()).isEqualTo(1);
        assertThat(counts.get("feedback").get("follow_up_notes").asLong()).isEqualTo(1);
        assertThat(tablesMentioning(ana.traces())).as("tables and columns that still mention the person").isEmpty();
        assertThat(rapport.get("/api/v1/customers/" + ana.customerId()).status()).isEqualTo(404);
        assertThat(rapport.get("/api/v1/customers?email=" + ana.email()).json().get("items")).isEmpty();

        JsonNode audit = find(rapport.get("/api/v1/erasures").json().get("items"), erased.json().get("id"));
        assertThat(audit.get("requestedBy").stringValue()).startsWith("api-key:rk_test_");
        assertThat(audit.get("counts")).isEqualTo(counts);
        for (String trace : List.of(ana.customerId(), ana.userId(), ana.email(), ana.phone(), ana.lastName())) {
            assertThat(audit.toString()).doesNotContain(trace);
        }

        assertThat(rapport.get("/api/v1/customers/" + bob.customerId() + "/export").json().get("modules"))
                .as("the other customer's data").isEqualTo(bobBefore);
    }

    @Test
    void only_admins_export_and_erase() {
        Person ana = track("Ana");
        String analyst = issueKey("ANALYST");
        String marketer = issueKey("MARKETER");

        for (String key : List.of(analyst, marketer)) {
            assertThat(rapport.get("/api/v1/customers/" + ana.customerId() + "/export", key).status()).isEqualTo(403);
            assertThat(delete("/api/v1/customers/" + ana.customerId(), key).status()).isEqualTo(403);
            assertThat(rapport.get("/api/v1/erasures", key).status()).isEqualTo(403);
        }
        assertThat(rapport.get("/api/v1/customers/" + ana.customerId(), analyst).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_customer_cannot_be_exported_or_erased() {
        String unknown = UUID.randomUUID().toString();

        RapportClient.Response erase = delete("/api/v1/customers/" + unknown, RapportClient.ADMIN_KEY);

        assertThat(erase.status()).isEqualTo(404);
        assertThat(erase.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rapport.get("/api/v1/customers/" + unknown + "/export").status()).isEqualTo(404);
        assertThat(rapport.get("/api/v1/customers/" + unknown + "/consents").status()).isEqualTo(404);
    }

    @Test
    void the_newest_consent_wins_whether_it_came_through_the_api_or_a_tracked_event() {
        String writeKey = rapport.newSource("WEB").writeKey();
        String userId = "consent-" + UUID.randomUUID();
        String anonymousId = "consent-visitor-" + UUID.randomUUID();
        rapport.track("/v1/identify", writeKey, """
                {"userId":"%s","anonymousId":"%s","timestamp":"2026-01-01T00:00:00Z"}""".formatted(userId, anonymousId));
        String customer = awaitCustomer(userId, 2);

        // Given through the API now; an event of the visitor from last year does not override it.
        assertThat(put("/api/v1/customers/" + customer + "/consents/marketing_sms", "{\"status\":\"granted\"}").status())
                .isEqualTo(200);
        consentEvent(writeKey, "anonymousId", anonymousId, "marketing_sms", "denied", "2025-01-01T00:00:00Z");
        // An event after the API answer, from another of the customer's ids, overrides it.
        assertThat(put("/api/v1/customers/" + customer + "/consents/surveys", "{\"status\":\"granted\"}").status())
                .isEqualTo(200);
        consentEvent(writeKey, "anonymousId", anonymousId, "surveys", "revoked",
                Instant.now().plus(Duration.ofHours(1)).toString());
        consentEvent(writeKey, "userId", userId, "analytics", "granted", "2026-01-02T00:00:00Z");
        consentEvent(writeKey, "userId", userId, "analytics", "denied", "2026-01-01T00:00:00Z");
        consentEvent(writeKey, "userId", userId, "no_such_purpose", "granted", "2026-01-02T00:00:00Z");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(consents(customer)).containsExactly(
                "analytics=granted/event", "marketing_sms=granted/api", "surveys=revoked/event"));
    }

    @Test
    void a_consent_needs_a_known_purpose_and_status() {
        Person ana = track("Ana");

        RapportClient.Response purpose = put("/api/v1/customers/" + ana.customerId() + "/consents/spam",
                "{\"status\":\"granted\"}");
        RapportClient.Response status = put("/api/v1/customers/" + ana.customerId() + "/consents/analytics",
                "{\"status\":\"maybe\"}");

        assertThat(purpose.status()).isEqualTo(400);
        assertThat(purpose.json().get("field").stringValue()).isEqualTo("purpose");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("field").stringValue()).isEqualTo("status");
    }

    /**
     * Tracks a person: a page and a track from two anonymous ids, identifies joining both to a user id with email,
     * phone and names, a tracked consent, a refused message carrying their email and phone, a consent given
     * through the API, a survey the widget showed them that they answered with their name, and a survey answered in
     * a store without naming anyone but with their email in the comment.
     */
    private Person track(String firstName) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String digits = "1" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        Person person = new Person(null, "privacy-" + run, "web-" + run, "app-" + run,
                firstName.toLowerCase(Locale.ROOT) + "." + run + "@example.com",
                "+49 15" + digits.substring(0, 1) + " " + digits.substring(1, 5) + " " + digits.substring(5),
                "+4915" + digits, "Lindqvist" + run);
        String writeKey = rapport.newSource("WEB").writeKey();
        send(writeKey, "/v1/page", """
                {"anonymousId":"%s","name":"Home","timestamp":"2026-06-01T10:00:00Z"}""".formatted(person.anonymousWeb()));
        send(writeKey, "/v1/track", """
                {"anonymousId":"%s","event":"Product Viewed","timestamp":"2026-06-01T10:05:00Z"}"""
                .formatted(person.anonymousApp()));
        send(writeKey, "/v1/identify", """
                {"userId":"%s","anonymousId":"%s","timestamp":"2026-06-01T10:10:00Z",
                 "traits":{"email":"%s","phone":"%s","firstName":"%s","lastName":"%s"}}"""
                .formatted(person.userId(), person.anonymousWeb(), person.email().toUpperCase(Locale.ROOT),
                        person.rawPhone(), firstName, person.lastName()));
        send(writeKey, "/v1/identify", """
                {"userId":"%s","anonymousId":"%s","timestamp":"2026-06-01T10:20:00Z"}"""
                .formatted(person.userId(), person.anonymousApp()));
        send(writeKey, "/v1/track", """
                {"userId":"%s","event":"Product Added","timestamp":"2026-06-01T10:21:00Z",
                 "properties":{"cart_id":"cart-%s","product_id":"p-1","price":25,"quantity":2,"currency":"EUR"}}"""
                .formatted(person.userId(), run));
        send(writeKey, "/v1/track", """
                {"userId":"%s","event":"Order Completed","timestamp":"2026-06-01T10:25:00Z",
                 "properties":{"order_id":"order-%s","cart_id":"cart-%s","total":50,"revenue":50,"currency":"EUR",
                               "products":[{"product_id":"p-1","price":25,"quantity":2}]}}"""
                .formatted(person.userId(), run, run));
        consentEvent(writeKey, "userId", person.userId(), "marketing_email", "granted", "2026-06-01T10:30:00Z");
        send(writeKey, "/v1/batch", """
                {"batch":[{"type":"subscribe","userId":"someone-else",
                 "context":{"traits":{"email":"%s","phone":"%s"}}}]}"""
                .formatted(person.email(), person.rawPhone()));
        String customer = awaitCustomer(person.userId(), 5);
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/orders?userId=" + person.userId())
                .json().get("items").size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> consents(customer).contains("marketing_email=granted/event"));
        assertThat(put("/api/v1/customers/" + customer + "/consents/analytics", "{\"status\":\"denied\"}").status())
                .isEqualTo(200);
        answerSurveys(person, firstName);
        return new Person(customer, person.userId(), person.anonymousWeb(), person.anonymousApp(), person.email(),
                person.rawPhone(), person.phone(), person.lastName());
    }

    private void answerSurveys(Person person, String firstName) {
        RapportClient.Response created = post("/api/v1/surveys", """
                {"name":"Privacy NPS","type":"NPS","defaultLanguage":"en",
                 "questions":[{"id":"score","kind":"score"},{"id":"reason","kind":"reason"}]}""");
        Survey.Id survey = new Survey.Id(UUID.fromString(created.json().get("id").stringValue()));
        assertThat(post("/api/v1/surveys/" + survey + "/activate", "").status()).isEqualTo(200);
        assertThat(post("/api/v1/surveys/" + survey + "/sends", "{\"identifiers\":[\"user:" + person.userId() + "\"]}")
                .status()).isEqualTo(202);
        SurveyOffer offer = surveys.offerFor(List.of("anon:" + person.anonymousWeb()), "https://shop.example/", "en",
                SurveyInvitations.WEB).orElseThrow();
        responses.answer(offer.token(), new SurveyResponses.Submission(Map.of("score", JSON.numberNode(4), "reason",
                JSON.stringNode("Call me back, " + firstName + " " + person.lastName() + ".")), null, false));
        FollowUpCase detractor = cases.find(new FollowUpCases.Query(null, null, null, null, null, 1000, null)).items()
                .stream().filter(c -> c.trigger().sourceId().equals(offer.token().toString())).findFirst().orElseThrow();
        cases.addNote(detractor.id(), "Called " + person.phone() + ", no answer.", "agent@example.com");
        UUID inStore = invitations.open(survey, SurveyInvitations.STORE, null, null, null, null).token();
        responses.answer(inStore, new SurveyResponses.Submission(Map.of("score", JSON.numberNode(8), "reason",
                JSON.stringNode("Write to " + person.email() + " please")), null, false));
    }

    private void send(String writeKey, String path, String body) {
        assertThat(rapport.track(path, writeKey, body).status()).as(path).isEqualTo(200);
    }

    private void consentEvent(String writeKey, String idField, String id, String purpose, String status,
            String timestamp) {
        send(writeKey, "/v1/track", """
                {"%s":"%s","event":"Consent Updated","properties":{"purpose":"%s","status":"%s"},"timestamp":"%s"}"""
                .formatted(idField, id, purpose, status, timestamp));
    }

    private String awaitCustomer(String userId, int identities) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode items = rapport.get("/api/v1/customers?userId=" + userId).json().get("items");
            return items.isEmpty() || items.get(0).get("identities").size() != identities ? null
                    : items.get(0).get("id").stringValue();
        }, id -> id != null);
    }

    private List<String> consents(String customer) {
        List<String> consents = new ArrayList<>();
        rapport.get("/api/v1/customers/" + customer + "/consents").json().get("items")
                .forEach(c -> consents.add(c.get("purpose").stringValue() + "=" + c.get("status").stringValue() + "/"
                        + c.get("source").stringValue()));
        return consents;
    }

    /**
     * Every column of every table of Rapport's schema, read as text, searched case-insensitively for each trace:
     * the tables (upper-cased) with the columns that hold one.
     */
    private Map<String, List<String>> tablesMentioning(List<String> traces) {
        List<String[]> columns = jdbc.sql("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema and t.table_type = 'BASE TABLE'
                order by c.table_name, c.column_name""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(columns).extracting(c -> c[0].toUpperCase(Locale.ROOT))
                .contains("EVENTS", "FAILED_EVENTS", "CUSTOMERS", "IDENTITIES", "CONSENTS", "ERASURES");
        Map<String, List<String>> found = new HashMap<>();
        for (String[] column : columns) {
            for (String trace : traces) {
                long rows = jdbc.sql("select count(*) from \"" + column[0] + "\" where lower(cast(\"" + column[1]
                                + "\" as varchar)) like ?")
                        .param("%" + trace.toLowerCase(Locale.ROOT) + "%").query(Long.class).single();
                if (rows > 0) {
                    found.computeIfAbsent(column[0].toUpperCase(Locale.ROOT), t -> new ArrayList<>())
                            .add(column[1] + " has " + trace);
                }
            }
        }
        return found;
    }

    private String issueKey(String role) {
        RapportClient.Response issued = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"privacy " + role + "\",\"role\":\"" + role
                        + "\"}")));
        assertThat(issued.status()).isEqualTo(201);
        return issued.json().get("key").stringValue();
    }

    private RapportClient.Response delete(String path, String key) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path)).header("Authorization", "Bearer " + key).DELETE());
    }

    private RapportClient.Response post(String path, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private RapportClient.Response put(String path, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.stringValue()));
        return texts;
    }

    private static JsonNode find(JsonNode items, JsonNode id) {
        for (JsonNode item : items) {
            if (item.get("id").equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No audit record " + id + " in " + items);
    }
}
