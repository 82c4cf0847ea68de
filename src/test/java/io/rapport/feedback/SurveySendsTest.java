package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Manual sends to a list of people named by identifier or customer id. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveySendsTest extends SurveyTestSupport {

    @Test
    void a_send_invites_people_by_identifier_and_customer_id_and_a_retry_with_its_key_invites_nobody_twice() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String run = UUID.randomUUID().toString();
        String customer = customer("listed-" + run);
        UUID unknown = UUID.randomUUID();
        String body = """
                {"channel":"post","key":"mailing-%s","identifiers":["email:Ana.%s@Example.com","user:bo-%s"],
                 "customerIds":["%s","%s"]}""".formatted(run, run, run, customer, unknown);

        Response sent = api.post("/api/v1/surveys/" + id + "/sends", body);
        Response retried = api.post("/api/v1/surveys/" + id + "/sends", body);
        invitations.dispatchDue();

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().get("invited").asInt()).isEqualTo(3);
        assertThat(sent.json().get("unknownCustomers").get(0).stringValue()).isEqualTo(unknown.toString());
        assertThat(retried.json().get("invited").asInt()).isZero();
        assertThat(retried.json().get("alreadyInvited").asInt()).isEqualTo(3);
        assertThat(post.of(id)).extracting(Invitation::identifier).containsExactlyInAnyOrder(
                "email:ana." + run + "@example.com", "user:bo-" + run, "user:listed-" + run);
        assertThat(api.stat(id, "invited")).isEqualTo(3);
    }

    @Test
    void without_an_smtp_server_email_invitations_stay_scheduled_and_count_as_no_contact() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String run = UUID.randomUUID().toString();
        api.post("/api/v1/surveys/" + id + "/sends", "{\"channel\":\"email\",\"identifiers\":[\"email:wait-" + run
                + "@example.com\"]}");

        invitations.dispatchDue();

        assertThat(invitations.list(id, null, 10, null).items()).extracting(Invitation::status)
                .containsExactly(InvitationStatus.SCHEDULED);
        assertThat(api.stat(id, "sent")).isZero();
        assertThat(api.stat(id, "skipped.undeliverable")).isZero();
    }

    @Test
    void a_send_on_the_web_waits_for_the_persons_next_visit() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String run = UUID.randomUUID().toString();
        api.post("/api/v1/surveys/" + id + "/sends", "{\"identifiers\":[\"anon:browser-" + run + "\"]}");

        invitations.dispatchDue();
        Optional<SurveyOffer> offer = surveys.offerFor(List.of("anon:browser-" + run, "user:unknown-" + run),
                "https://shop.example/any/page", "en-GB", SurveyInvitations.WEB);

        assertThat(offer).isPresent();
        assertThat(offer.get().form().surveyId()).isEqualTo(id);
        JsonNode invitation = api.get("/api/v1/surveys/" + id + "/invitations?status=shown").json().get("items").get(0);
        assertThat(invitation.get("token").stringValue()).isEqualTo(offer.get().token().toString());
        assertThat(invitation.get("channel").stringValue()).isEqualTo("web");
    }

    @Test
    void a_send_needs_an_active_survey_known_people_and_a_channel_rapport_has() {
        Survey.Id draft = api.create(SurveyApi.nps(""));
        Survey.Id active = api.createActive(SurveyApi.nps(""));

        Response notActive = api.post("/api/v1/surveys/" + draft + "/sends", "{\"identifiers\":[\"user:x\"]}");
        Response badIdentifier = api.post("/api/v1/surveys/" + active + "/sends",
                "{\"identifiers\":[\"user:x\",\"ana@example.com\"]}");
        Response badChannel = api.post("/api/v1/surveys/" + active + "/sends",
                "{\"channel\":\"pigeon\",\"identifiers\":[\"user:x\"]}");
        Response unknownSurvey = api.post("/api/v1/surveys/" + UUID.randomUUID() + "/sends",
                "{\"identifiers\":[\"user:x\"]}");

        assertThat(notActive.status()).isEqualTo(409);
        assertThat(badIdentifier.status()).isEqualTo(400);
        assertThat(badIdentifier.json().get("field").stringValue()).isEqualTo("identifiers[1]");
        assertThat(badChannel.json().get("field").stringValue()).isEqualTo("channel");
        assertThat(badChannel.json().get("detail").stringValue()).contains("[email, post, web]");
        assertThat(unknownSurvey.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/surveys/" + active + "/invitations").json().get("items")).isEmpty();
    }

    /** A customer with this user id; answers the customer id. */
    private String customer(String userId) {
        String writeKey = rapport.newSource("WEB").writeKey();
        assertThat(rapport.track("/v1/identify", writeKey, "{\"userId\":\"" + userId + "\"}").status()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode items = rapport.get("/api/v1/customers?userId=" + userId).json().get("items");
            return items.isEmpty() ? null : items.get(0).get("id").stringValue();
        }, found -> found != null);
    }
}
