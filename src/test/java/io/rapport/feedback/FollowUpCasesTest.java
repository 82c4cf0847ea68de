package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Follow-up cases: detractors and negative feedback open one case each, with an owner and a due time; people move
 * it through its statuses, write notes and email the customer; the rules are checked; the times are measured.
 */
@RapportTest
@Import({SurveyTestConfiguration.class, CaseTestConfiguration.class})
class FollowUpCasesTest extends CaseTestSupport {

    @Autowired
    GreenMail smtp;

    @Autowired
    CaseTestConfiguration.OpenedCases opened;

    @Test
    void a_detractor_answer_opens_exactly_one_case_with_owner_and_due_date() {
        User agent = newUser("agent", Role.AGENT);
        ownedBy(agent);
        Survey.Id survey = survey(SurveyType.NPS);
        String person = "user:detractor-" + UUID.randomUUID();
        Instant before = clock.instant();

        UUID response = answer(survey, person, "en", 3, "The parcel came a week late");
        responses.answer(response, new SurveyResponses.Submission(Map.of("score", JSON.numberNode(3),
                "reason", JSON.stringNode("The parcel came a week late")), null, false));
        responses.answer(response, new SurveyResponses.Submission(Map.of("score", JSON.numberNode(2)), null, true));

        JsonNode found = caseOf(response.toString());
        assertThat(found.get("number").asLong()).isGreaterThanOrEqualTo(1001);
        assertThat(found.get("identifier").stringValue()).isEqualTo(person);
        assertThat(found.get("status").stringValue()).isEqualTo("open");
        assertThat(found.get("owner").get("id").stringValue()).isEqualTo(agent.id().value().toString());
        assertThat(found.get("owner").get("email").stringValue()).isEqualTo(agent.email());
        Instant due = Instant.parse(found.get("dueAt").stringValue());
        assertThat(due).isBetween(before.plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(2)));
        JsonNode trigger = found.get("trigger");
        assertThat(trigger.get("rule").stringValue()).isEqualTo("NPS");
        assertThat(trigger.get("source").stringValue()).isEqualTo("survey");
        assertThat(trigger.get("surveyType").stringValue()).isEqualTo("NPS");
        assertThat(trigger.get("score").asInt()).as("the score as it is now").isEqualTo(2);
        assertThat(trigger.get("comment").stringValue()).isEqualTo("The parcel came a week late");
        assertThat(trigger.get("orderId").stringValue()).isEqualTo("order-1");
        assertThat(found.get("notes").valueStream().map(n -> n.get("text").stringValue()))
                .containsExactly("The customer changed their score from 3 to 2.");
        List<FollowUpCaseOpened> events = opened.of(response.toString());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().owner()).isEqualTo(agent.id());
        assertThat(events.getFirst().number()).isEqualTo(found.get("number").asLong());
        assertThat(events.getFirst().identifier()).isEqualTo(person);
    }

    @Test
    void a_score_raised_above_the_threshold_keeps_the_case_and_notes_the_change() {
        Survey.Id survey = survey(SurveyType.NPS);
        UUID response = answer(survey, "user:raised-" + UUID.randomUUID(), "en", 5, "Meh");

        responses.answer(response, new SurveyResponses.Submission(Map.of("score", JSON.numberNode(9)), null, false));

        JsonNode found = caseOf(response.toString());
        assertThat(found.get("status").stringValue()).isEqualTo("open");
        assertThat(found.get("trigger").get("score").asInt()).isEqualTo(9);
        assertThat(found.get("notes").toString()).contains("changed their score from 5 to 9");
        assertThat(opened.of(response.toString())).hasSize(1);
    }

    @Test
    void a_promoter_or_a_passive_opens_no_case_and_each_type_has_its_threshold() {
        String person = "user:fan-" + UUID.randomUUID();
        UUID promoter = answer(survey(SurveyType.NPS), person, "en", 9, "Lovely shop");
        UUID passive = answer(survey(SurveyType.NPS), person, "en", 7, "Fine");
        UUID csatThree = answer(survey(SurveyType.CSAT), person, "en", 3, "Okay");
        UUID csatTwo = answer(survey(SurveyType.CSAT), person, "en", 2, "Not good");
        UUID cesFour = answer(survey(SurveyType.CES), person, "en", 4, "So-so");
        UUID cesThree = answer(survey(SurveyType.CES), person, "en", 3, "Hard to return");

        assertThat(casesOf(promoter.toString())).isEmpty();
        assertThat(casesOf(passive.toString())).isEmpty();
        assertThat(casesOf(csatThree.toString())).isEmpty();
        assertThat(casesOf(cesFour.toString())).isEmpty();
        assertThat(casesOf(csatTwo.toString())).hasSize(1);
        assertThat(casesOf(cesThree.toString())).hasSize(1);
        assertThat(opened.of(promoter.toString())).isEmpty();
    }

    @Test
    void negative_feedback_opens_one_case_and_neutral_feedback_none() {
        String run = UUID.randomUUID().toString();
        FeedbackReceived negative = review("src/neg-" + run, "email:unhappy-" + run + "@example.com", -0.7,
                "The mug arrived broken and nobody answered my mails");
        FeedbackReceived neutral = review("src/neutral-" + run, "email:calm-" + run + "@example.com", 0.0,
                "The mug is a mug");

        feedback(negative);
        feedback(negative);
        feedback(neutral);

        JsonNode found = caseOf("src/neg-" + run);
        assertThat(found.get("trigger").get("rule").stringValue()).isEqualTo("SENTIMENT");
        assertThat(found.get("trigger").get("source").stringValue()).isEqualTo("review");
        assertThat(found.get("trigger").get("sentiment").stringValue()).isEqualTo("NEGATIVE");
        assertThat(found.get("trigger").get("sentimentScore").asDouble()).isEqualTo(-0.7);
        assertThat(found.get("emailAddress").stringValue()).isEqualTo("unhappy-" + run + "@example.com");
        assertThat(casesOf("src/neutral-" + run)).isEmpty();
        assertThat(opened.of("src/neg-" + run)).hasSize(1);
    }

    @Test
    void a_survey_comment_analysed_after_its_score_adds_its_sentiment_to_the_same_case() {
        Survey.Id survey = survey(SurveyType.NPS);
        String person = "user:both-" + UUID.randomUUID();
        UUID response = answer(survey, person, "en", 4, "Rude support");

        feedback(new FeedbackReceived(UUID.randomUUID(), "survey", response.toString(), person, survey.value(),
                SurveyType.NPS, 4, "Rude support", new TextAnalysis("en", Sentiment.NEGATIVE, -0.8, List.of()), "link",
                "order-1", null, Instant.now()));

        JsonNode found = caseOf(response.toString());
        assertThat(found.get("trigger").get("rule").stringValue()).isEqualTo("NPS");
        assertThat(found.get("trigger").get("sentiment").stringValue()).isEqualTo("NEGATIVE");
        assertThat(opened.of(response.toString())).hasSize(1);
    }

    @Test
    void a_case_goes_from_open_to_contacted_to_resolved_and_back_and_its_times_are_measured() {
        Survey.Id survey = survey(SurveyType.CSAT);
        UUID response = answer(survey, "user:lifecycle-" + UUID.randomUUID(), "en", 1, "Awful");
        JsonNode found = caseOf(response.toString());
        String path = "/api/v1/cases/" + found.get("id").stringValue();
        Response read = get(path);
        String etag = read.header("ETag");

        clock.advance(Duration.ofHours(3));
        Response contacted = patch(path, "{\"status\":\"contacted\"}", etag);
        assertThat(contacted.status()).as(contacted.body()).isEqualTo(200);
        assertThat(patch(path, "{\"status\":\"resolved\"}", etag).status()).as("a stale If-Match").isEqualTo(409);
        assertThat(patch(path, "{\"status\":\"open\"}", contacted.header("ETag")).status())
                .as("contacted cannot go back to open").isEqualTo(409);
        clock.advance(Duration.ofHours(5));
        Response resolved = patch(path, "{\"status\":\"resolved\"}", contacted.header("ETag"));
        assertThat(resolved.status()).isEqualTo(200);

        JsonNode closed = resolved.json();
        Instant opened = Instant.parse(closed.get("openedAt").stringValue());
        assertThat(Duration.between(opened, Instant.parse(closed.get("contactedAt").stringValue())).toHours())
                .isEqualTo(3);
        assertThat(Duration.between(opened, Instant.parse(closed.get("resolvedAt").stringValue())).toHours())
                .isEqualTo(8);
        assertThat(closed.get("overdue").asBoolean()).isFalse();

        Instant from = opened.minusSeconds(1);
        Instant to = clock.instant().plusSeconds(1);
        JsonNode stats = get("/api/v1/cases/stats?period=day&from=" + from + "&to=" + to).json();
        assertThat(stats.get("timeToClose").get("cases").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("timeToClose").get("medianSeconds").asLong()).isEqualTo(8 * 3600);
        assertThat(stats.get("timeToFirstContact").get("p90Seconds").asLong()).isEqualTo(3 * 3600);
        assertThat(stats.get("periods")).isNotEmpty();

        Response reopened = patch(path, "{\"status\":\"open\"}", null);
        assertThat(reopened.json().get("status").stringValue()).isEqualTo("open");
        assertThat(reopened.json().get("resolvedAt").isNull()).isTrue();
        assertThat(reopened.json().get("contactedAt").isNull()).as("the first contact stays").isFalse();
        assertThat(get(path).json().get("notes").valueStream().map(n -> n.get("text").stringValue()))
                .containsExactly("Status: open → contacted.", "Status: contacted → resolved.", "Reopened.");
    }

    @Test
    void cases_past_their_due_time_are_overdue_until_resolved() {
        User agent = newUser("overdue", Role.AGENT);
        ownedBy(agent);
        UUID response = answer(survey(SurveyType.NPS), "user:late-" + UUID.randomUUID(), "en", 0, "Never again");
        String id = caseOf(response.toString()).get("id").stringValue();

        clock.advance(Duration.ofDays(2).plusMinutes(1));

        JsonNode overdue = get("/api/v1/cases?overdue=true&owner=" + agent.email()).json().get("items");
        assertThat(overdue.valueStream().map(c -> c.get("id").stringValue())).containsExactly(id);
        assertThat(overdue.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(get("/api/v1/cases/stats").json().get("overdueNow").asLong()).isGreaterThanOrEqualTo(1);
        Response later = patch("/api/v1/cases/" + id, "{\"dueAt\":\"" + clock.instant().plus(Duration.ofDays(1))
                + "\"}", null);
        assertThat(later.json().get("overdue").asBoolean()).isFalse();
        assertThat(get("/api/v1/cases?overdue=true&owner=" + agent.email()).json().get("items")).isEmpty();
    }

    @Test
    void an_email_from_the_case_reaches_the_customer_and_is_noted() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String address = "ana-" + run + "@example.com";
        UUID response = answer(survey(SurveyType.NPS), "email:" + address, "pt-BR", 2, "Demorou demais");
        String path = casePath(response.toString());
        JsonNode draft = get(path + "/emails/draft").json();
        assertThat(draft.get("subject").stringValue()).isEqualTo("Sobre a sua opinião");

        Response sent = post(path + "/emails", "{\"text\":\"Olá Ana,\\n\\nSentimos muito pelo atraso.\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = null;
        for (MimeMessage received : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(address)) {
                mail = received;
            }
        }
        assertThat(mail).as("a mail to " + address).isNotNull();
        assertThat(mail.getSubject()).isEqualTo("Sobre a sua opinião");
        assertThat(GreenMailUtil.getBody(mail)).contains("Sentimos muito pelo atraso.");
        JsonNode found = get(path).json();
        assertThat(found.get("status").stringValue()).isEqualTo("contacted");
        JsonNode note = found.get("notes").get(0);
        assertThat(note.get("kind").stringValue()).isEqualTo("email");
        assertThat(note.get("emailTo").stringValue()).isEqualTo(address);
        assertThat(note.get("emailSubject").stringValue()).isEqualTo("Sobre a sua opinião");
        assertThat(note.get("author").stringValue()).startsWith("api-key:");
    }

    @Test
    void an_email_needs_an_address_and_a_subject_of_one_line() {
        UUID anonymous = answer(survey(SurveyType.NPS), "anon:" + UUID.randomUUID(), "en", 1, "Bad");
        String path = casePath(anonymous.toString());

        Response noAddress = post(path + "/emails", "{}");
        Response badSubject = post(path + "/emails", "{\"subject\":\"a\\nb\",\"text\":\"Hi\"}");

        assertThat(noAddress.status()).isEqualTo(409);
        assertThat(noAddress.json().get("detail").stringValue()).contains("knows no email address");
        assertThat(badSubject.status()).isEqualTo(400);
        assertThat(badSubject.json().get("field").stringValue()).isEqualTo("subject");
        assertThat(get(path).json().get("notes")).isEmpty();
    }

    @Test
    void notes_are_kept_with_their_author_and_checked() {
        UUID response = answer(survey(SurveyType.NPS), "user:notes-" + UUID.randomUUID(), "en", 1, "Bad");
        String path = casePath(response.toString());

        Response written = post(path + "/notes", "{\"text\":\"  Called, no answer.  \"}");
        Response blank = post(path + "/notes", "{\"text\":\"   \"}");
        Response tooLong = post(path + "/notes", "{\"text\":\"" + "x".repeat(5_001) + "\"}");

        assertThat(written.status()).isEqualTo(201);
        assertThat(written.json().get("text").stringValue()).isEqualTo("Called, no answer.");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(get(path).json().get("notes")).hasSize(1);
        assertThat(get("/api/v1/cases/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void rules_are_checked_in_full_and_only_admins_change_them() {
        Response invalid = put("/api/v1/cases/rules", """
                {"rules":[{"kind":"NPS","maxScore":10,"due":"P2D"},
                          {"kind":"CSAT","maxScore":2,"ownerRole":"boss","due":"P2D"},
                          {"kind":"CES","maxScore":3,"owner":"nobody@example.com","due":"PT10M"},
                          {"kind":"SENTIMENT","maxSentimentScore":0.5,"maxScore":3,"due":"tomorrow"}]}""", null);
        String analystKey = api.key("ANALYST");
        Response byAnalyst = put("/api/v1/cases/rules", "{\"rules\":[]}", analystKey);
        Response missing = put("/api/v1/cases/rules", "{\"rules\":[{\"kind\":\"NPS\",\"maxScore\":6,\"due\":\"P1D\"}]}",
                null);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").valueStream().map(e -> e.get("field").stringValue())).containsExactly(
                "rules[0].maxScore", "rules[1].ownerRole", "rules[2].owner", "rules[2].due", "rules[3].maxScore",
                "rules[3].maxSentimentScore", "rules[3].due");
        assertThat(byAnalyst.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").stringValue()).contains("CSAT is missing");
        assertThat(get("/api/v1/cases/rules", analystKey).status()).isEqualTo(200);
    }

    @Test
    void new_cases_go_in_turn_to_the_users_of_the_rules_role() {
        List<User> analysts = List.of(newUser("turn-a", Role.ANALYST), newUser("turn-b", Role.ANALYST));
        Response saved = put("/api/v1/cases/rules", """
                {"rules":[{"kind":"NPS","maxScore":6,"ownerRole":"analyst","due":"PT36H"},
                          {"kind":"CSAT","maxScore":2,"ownerRole":"analyst","due":"P2D"},
                          {"kind":"CES","maxScore":3,"enabled":false,"ownerRole":"analyst","due":"P2D"},
                          {"kind":"SENTIMENT","maxSentimentScore":-0.5,"due":"P1D"}]}""", null);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("rules").get(0).get("due").stringValue()).isEqualTo("PT36H");
        Survey.Id survey = survey(SurveyType.NPS);
        String run = UUID.randomUUID().toString();

        List<String> owners = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> caseOf(answer(survey, "user:turn-" + i + "-" + run, "en", 1, "Bad").toString())
                        .get("owner").get("id").stringValue())
                .toList();
        // A comment that is not negative: a negative one would open a case through the sentiment rule.
        UUID ces = answer(survey(SurveyType.CES), "user:turn-ces-" + run, "en", 1, "Fine, thanks");
        feedback(review("src/mild-" + run, "user:mild-" + run, -0.3, "Not great"));

        List<String> inTurn = users.list().stream().filter(u -> u.role() == Role.ANALYST)
                .map(u -> u.id().value().toString()).toList();
        assertThat(inTurn).hasSizeGreaterThanOrEqualTo(analysts.size());
        int first = inTurn.indexOf(owners.getFirst());
        assertThat(owners).as("the analysts in the order of their emails, from where the last turn ended")
                .containsExactly(java.util.stream.IntStream.range(0, 4)
                        .mapToObj(i -> inTurn.get((first + i) % inTurn.size())).toArray(String[]::new));
        assertThat(casesOf(ces.toString())).as("the CES rule is off").isEmpty();
        assertThat(casesOf("src/mild-" + run)).as("not negative enough").isEmpty();
        ownedBy(analysts.getFirst());
    }

    @Test
    void the_openapi_description_lists_the_case_paths() {
        JsonNode paths = rapport.get("/v3/api-docs", "none").json().get("paths");

        assertThat(paths.propertyNames()).contains("/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/{id}/notes",
                "/api/v1/cases/{id}/emails", "/api/v1/cases/{id}/emails/draft", "/api/v1/cases/rules",
                "/api/v1/cases/stats");
        assertThat(paths.get("/api/v1/cases/{id}").has("patch")).isTrue();
    }

    @Test
    void bad_input_is_answered_with_a_problem_naming_the_field() {
        Response status = get("/api/v1/cases?status=closed");
        Response owner = get("/api/v1/cases?owner=nobody-at-all@example.com");
        Response period = get("/api/v1/cases/stats?period=year");
        Response span = get("/api/v1/cases/stats?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        UUID response = answer(survey(SurveyType.NPS), "user:bad-input-" + UUID.randomUUID(), "en", 1, "Bad");
        String path = casePath(response.toString());
        Response unknownField = patch(path, "{\"priority\":\"high\"}", null);
        Response badDue = patch(path, "{\"dueAt\":\"tomorrow\"}", null);
        Response badIfMatch = patch(path, "{\"status\":\"resolved\"}", "yesterday");

        for (Response problem : List.of(status, owner, period, span, unknownField, badDue, badIfMatch)) {
            assertThat(problem.status()).as(problem.body()).isEqualTo(400);
            assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(List.of(status, owner, period, span, unknownField, badDue, badIfMatch))
                .extracting(r -> r.json().get("field").stringValue())
                .containsExactly("status", "owner", "period", "to", "priority", "dueAt", "If-Match");
        assertThat(get(path).json().get("status").stringValue()).isEqualTo("open");
    }

    Response get(String path, String key) {
        return rapport.get(path, key);
    }
}
