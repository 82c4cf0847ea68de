package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/** What brings a survey to a person: tracked events with a delay, a solved ticket, a page visit. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyTriggersTest extends SurveyTestSupport {

    @Test
    void a_completed_order_invites_the_buyer_to_answer_on_the_web_two_days_later() {
        Survey.Id id = api.createActive(SurveyApi.nps("""
                ,"triggers":[{"type":"event","event":"Order Completed","delayDays":2}]"""));
        String run = UUID.randomUUID().toString();
        Instant ordered = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        track("""
                {"userId":"buyer-%s","event":"Order Completed","timestamp":"%s","context":{"locale":"pt-BR"},
                 "properties":{"order_id":"order-%s","total":42,"currency":"EUR"}}""".formatted(run, ordered, run));

        Invitation invitation = awaitInvitations(id, 1).getFirst();
        assertThat(invitation.identifier()).isEqualTo("user:buyer-" + run);
        assertThat(invitation.channel()).isEqualTo("web");
        assertThat(invitation.status()).isEqualTo(InvitationStatus.SCHEDULED);
        assertThat(invitation.dueAt()).isEqualTo(ordered.plus(Duration.ofDays(2)));
        assertThat(invitation.orderId()).isEqualTo("order-" + run);
        assertThat(invitation.locale()).isEqualTo("pt-BR");
        assertThat(offer("user:buyer-" + run, "https://shop.example/")).as("before the delay").isEmpty();

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        Optional<SurveyOffer> offer = offer("user:buyer-" + run, "https://shop.example/");

        assertThat(offer).isPresent();
        assertThat(offer.get().token()).isEqualTo(invitation.token());
        assertThat(offer.get().form().language()).as("the locale of the order").isEqualTo("pt-BR");
        assertThat(invitations.find(invitation.token()).orElseThrow().status()).isEqualTo(InvitationStatus.SHOWN);
        assertThat(api.stat(id, "invited")).isEqualTo(1);
        assertThat(api.stat(id, "shown")).isEqualTo(1);
    }

    @Test
    void a_push_channel_is_handed_an_invitation_when_it_falls_due_and_not_before() {
        Survey.Id id = api.createActive(SurveyApi.nps("""
                ,"triggers":[{"type":"event","event":"Order Completed","delayDays":1,"channel":"post"}]"""));
        String run = UUID.randomUUID().toString();
        track("""
                {"userId":"post-buyer-%s","event":"Order Completed","properties":{"order_id":"order-%s"}}"""
                .formatted(run, run));
        Invitation invitation = awaitInvitations(id, 1).getFirst();

        invitations.dispatchDue();
        assertThat(post.of(id)).isEmpty();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        invitations.dispatchDue();
        invitations.dispatchDue();

        assertThat(post.of(id)).extracting(Invitation::token).containsExactly(invitation.token());
        Invitation sent = invitations.find(invitation.token()).orElseThrow();
        assertThat(sent.status()).isEqualTo(InvitationStatus.SENT);
        assertThat(sent.contactedAt()).isNotNull();
        assertThat(api.stat(id, "sent")).isEqualTo(1);
    }

    @Test
    void a_solved_ticket_invites_to_a_csat_survey_about_that_ticket_whether_tracked_or_reported_in_process() {
        Survey.Id id = api.createActive("""
                {"name":"Support CSAT","type":"CSAT","defaultLanguage":"en",
                 "questions":[{"id":"csat","kind":"score"},{"id":"why","kind":"reason"}],
                 "triggers":[{"type":"event","event":"Ticket Solved","channel":"post"}]}""");
        String run = UUID.randomUUID().toString();
        track("""
                {"userId":"caller-%s","event":"Ticket Solved","properties":{"ticket_id":"T-%s"}}""".formatted(run, run));
        awaitInvitations(id, 1);
        Instant now = clock.instant();
        SurveyInvitations.Occurrence solved = new SurveyInvitations.Occurrence("Ticket Solved", "user:writer-" + run,
                now, now, "de-DE", null, "T2-" + run, "ticket|T2-" + run);

        assertThat(invitations.trigger(solved)).isEqualTo(1);
        assertThat(invitations.trigger(solved)).as("the same ticket again").isZero();
        invitations.dispatchDue();

        assertThat(post.of(id)).extracting(Invitation::ticketId).containsExactlyInAnyOrder("T-" + run, "T2-" + run);
        assertThat(post.of(id)).extracting(Invitation::identifier)
                .containsExactlyInAnyOrder("user:caller-" + run, "user:writer-" + run);
    }

    @Test
    void one_order_invites_once_and_events_received_before_activation_or_long_ago_invite_nobody() {
        Survey.Id id = api.create(SurveyApi.nps("""
                ,"triggers":[{"type":"event","event":"Order Completed","delayDays":3}]"""));
        String run = UUID.randomUUID().toString();
        track("""
                {"userId":"early-%s","event":"Order Completed","properties":{"order_id":"early-%s"}}"""
                .formatted(run, run));
        // Let the consumer read the event before the survey starts.
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?userId=early-" + run)
                .json().get("items").size() == 1);
        api.post("/api/v1/surveys/" + id + "/activate", "");
        track("""
                {"userId":"old-%s","event":"Order Completed","timestamp":"%s","properties":{"order_id":"old-%s"}}"""
                .formatted(run, clock.instant().minus(Duration.ofDays(30)), run));
        for (String messageId : List.of("first", "retry")) {
            track("""
                    {"userId":"twice-%s","messageId":"%s-%s","event":"Order Completed","properties":{"order_id":"o-%s"}}"""
                    .formatted(run, messageId, run, run));
        }
        track("""
                {"userId":"last-%s","event":"Order Completed","properties":{"order_id":"last-%s"}}""".formatted(run, run));

        // The last event's invitation means the consumer has read all the others.
        List<Invitation> invited = await().atMost(Duration.ofSeconds(15))
                .until(() -> invitations.list(id, null, 100, null).items(),
                        list -> list.stream().anyMatch(i -> i.identifier().equals("user:last-" + run)));
        assertThat(invited).extracting(Invitation::identifier)
                .containsExactlyInAnyOrder("user:twice-" + run, "user:last-" + run);
    }

    @Test
    void a_page_trigger_offers_the_survey_on_matching_pages_and_throttling_holds_it_back_afterwards() {
        String run = UUID.randomUUID().toString();
        Survey.Id id = api.createActive(SurveyApi.nps("""
                ,"triggers":[{"type":"page","urlPattern":"/thanks-%s*"}]""".formatted(run)));
        String visitor = "anon:visitor-" + run;

        assertThat(offer(visitor, "https://shop.example/cart")).isEmpty();
        Optional<SurveyOffer> offer = offer(visitor, "https://shop.example/thanks-" + run + "?order=7#top");
        Optional<SurveyOffer> again = offer(visitor, "https://shop.example/thanks-" + run);

        assertThat(offer).isPresent();
        assertThat(offer.get().form().surveyId()).isEqualTo(id);
        assertThat(offer.get().form().language()).isEqualTo("en");
        Invitation shown = invitations.find(offer.get().token()).orElseThrow();
        assertThat(shown.status()).isEqualTo(InvitationStatus.SHOWN);
        assertThat(shown.identifier()).isEqualTo(visitor);
        assertThat(again).isEmpty();
        assertThat(api.stat(id, "shown")).isEqualTo(1);
        assertThat(api.stat(id, "skipped.recontact_window")).isEqualTo(1);
    }

    private Optional<SurveyOffer> offer(String identifier, String url) {
        return surveys.offerFor(List.of(identifier), url, null, SurveyInvitations.WEB);
    }

    private void track(String message) {
        RapportClient.Response response = rapport.track("/v1/track", writeKey(), message);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String writeKey;

    private String writeKey() {
        if (writeKey == null) {
            writeKey = rapport.newSource("WEB").writeKey();
        }
        return writeKey;
    }

    private List<Invitation> awaitInvitations(Survey.Id id, int count) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> invitations.list(id, null, 100, null).items(),
                list -> list.size() == count);
    }
}
