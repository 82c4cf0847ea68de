package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** What follow-up case tests work with: surveys answered through the real services, and the cases API. */
abstract class CaseTestSupport extends SurveyTestSupport {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Autowired
    FollowUpCases cases;

    @Autowired
    Users users;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    /** Rules with every kind enabled and new cases owned by {@code owner}, due in two days. */
    void ownedBy(User owner) {
        Response saved = put("/api/v1/cases/rules", """
                {"rules":[{"kind":"NPS","maxScore":6,"owner":"%1$s","due":"P2D"},
                          {"kind":"CSAT","maxScore":2,"owner":"%1$s","due":"P2D"},
                          {"kind":"CES","maxScore":3,"owner":"%1$s","due":"P2D"},
                          {"kind":"SENTIMENT","owner":"%1$s","due":"P2D"}]}""".formatted(owner.email()), null);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    User newUser(String name, Role role) {
        return users.create(name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "a long enough passphrase", role);
    }

    /** Answers a survey of this type (score, reason) as the person, through a link invitation; the response id. */
    UUID answer(Survey.Id survey, String identifier, String locale, int score, String reason) {
        Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, identifier, locale, "order-1", null);
        responses.answer(invitation.token(), new SurveyResponses.Submission(Map.of("score", JSON.numberNode(score),
                "reason", JSON.stringNode(reason)), null, false));
        return invitation.token();
    }

    /** A survey of this type with a score and a reason question, active. */
    Survey.Id survey(SurveyType type) {
        return api.createActive("""
                {"name":"%s follow-up","type":"%s","defaultLanguage":"en","languages":["en","pt-BR"],
                 "questions":[{"id":"score","kind":"score"},{"id":"reason","kind":"reason"}]}""".formatted(type, type));
    }

    /** Publishes a feedback item the way the feedback inbox does: inside the transaction that stores it. */
    void feedback(FeedbackReceived item) {
        transactions.executeWithoutResult(status -> publisher.publishEvent(item));
    }

    static FeedbackReceived review(String sourceId, String identifier, double sentimentScore, String text) {
        return new FeedbackReceived(UUID.randomUUID(), "review", sourceId, identifier, null, null, 2, text,
                new TextAnalysis("en", TextAnalysis.sentimentOf(sentimentScore), sentimentScore, List.of("delivery")),
                "web", "order-7", null, Instant.now());
    }

    /** The cases opened by this response or feedback item, read through the API. */
    List<JsonNode> casesOf(String sourceId) {
        JsonNode items = get("/api/v1/cases?limit=1000").json().get("items");
        return items.valueStream().filter(c -> c.get("trigger").get("sourceId").stringValue().equals(sourceId))
                .toList();
    }

    JsonNode caseOf(String sourceId) {
        List<JsonNode> found = casesOf(sourceId);
        assertThat(found).hasSize(1);
        return get("/api/v1/cases/" + found.getFirst().get("id").stringValue()).json();
    }

    /** The API path of the one case this response or item opened. */
    String casePath(String sourceId) {
        return "/api/v1/cases/" + caseOf(sourceId).get("id").stringValue();
    }

    Response get(String path) {
        return rapport.get(path);
    }

    Response post(String path, String body) {
        return api.post(path, body);
    }

    Response put(String path, String body, String key) {
        return send("PUT", path, body, key == null ? RapportClient.ADMIN_KEY : key, null);
    }

    Response patch(String path, String body, String ifMatch) {
        return send("PATCH", path, body, RapportClient.ADMIN_KEY, ifMatch);
    }

    Response send(String method, String path, String body, String key, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rapport.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return rapport.send(request);
    }
}
