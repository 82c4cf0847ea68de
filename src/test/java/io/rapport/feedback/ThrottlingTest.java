package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Throttled invitations are skipped and counted by reason, never queued: per survey, across surveys and channels
 * (the recontact window, default 30 days), by consent, sampling, a paused survey, an unreachable person and age.
 */
@RapportTest
@Import(SurveyTestConfiguration.class)
class ThrottlingTest extends SurveyTestSupport {

    @Test
    void throttled_sends_are_skipped_and_counted_by_reason_not_queued() {
        String run = UUID.randomUUID().toString();
        Survey.Id once = api.createActive(SurveyApi.nps(",\"throttling\":{\"maxTimes\":1}"));
        Survey.Id other = api.createActive(SurveyApi.nps(""));
        String ana = "user:ana-" + run;
        String bob = "user:bob-" + run;
        String carl = "user:carl-" + run;
        String dora = "user:dora-" + run;
        String refusing = customerRefusingSurveys("eve-" + run);
        post.undeliverable.add(carl);

        send(once, ana, bob, carl, refusing);
        invitations.dispatchDue();
        clock.advance(Duration.ofDays(31));
        send(once, ana);
        send(other, bob, dora);
        invitations.dispatchDue();
        send(other, dora);
        invitations.dispatchDue();
        invitations.dispatchDue();

        assertThat(post.of(once)).extracting(Invitation::identifier).containsExactlyInAnyOrder(ana, bob);
        assertThat(post.of(other)).extracting(Invitation::identifier).containsExactlyInAnyOrder(bob, dora);
        assertThat(api.stat(once, "invited")).isEqualTo(5);
        assertThat(api.stat(once, "sent")).isEqualTo(2);
        assertThat(api.stat(once, "skipped.survey_limit")).as("ana, shown once already").isEqualTo(1);
        assertThat(api.stat(once, "skipped.undeliverable")).isEqualTo(1);
        assertThat(api.stat(once, "skipped.no_consent")).isEqualTo(1);
        assertThat(api.stat(other, "sent")).isEqualTo(2);
        assertThat(api.stat(other, "skipped.recontact_window")).as("dora again the same day").isEqualTo(1);
        assertThat(statuses(once)).containsExactlyInAnyOrder("sent", "sent", "skipped", "skipped", "skipped");
        assertThat(invitations.list(once, InvitationStatus.SCHEDULED, 10, null).items()).as("nothing queued").isEmpty();
    }

    @Test
    void the_recontact_window_spans_surveys_channels_and_every_identifier_of_a_person() {
        String run = UUID.randomUUID().toString();
        Survey.Id web = api.createActive(SurveyApi.nps(",\"triggers\":[{\"type\":\"page\",\"urlPattern\":\"/r-" + run
                + "\"}]"));
        Survey.Id mailed = api.createActive(SurveyApi.nps(""));
        identify("visitor-" + run, "member-" + run);

        Optional<SurveyOffer> shown = surveys.offerFor(List.of("anon:visitor-" + run), "https://shop.example/r-" + run,
                "en", SurveyInvitations.WEB);
        send(mailed, "user:member-" + run);
        invitations.dispatchDue();
        clock.advance(Duration.ofDays(29));
        send(mailed, "user:member-" + run);
        invitations.dispatchDue();
        clock.advance(Duration.ofDays(2));
        send(mailed, "user:member-" + run);
        invitations.dispatchDue();

        assertThat(shown).isPresent();
        assertThat(api.stat(web, "shown")).isEqualTo(1);
        assertThat(api.stat(mailed, "skipped.recontact_window")).as("day 0 and day 29").isEqualTo(2);
        assertThat(post.of(mailed)).as("day 31").hasSize(1);
    }

    @Test
    void of_many_offers_at_once_to_one_person_only_one_shows_a_survey() throws Exception {
        String run = UUID.randomUUID().toString();
        String trigger = ",\"triggers\":[{\"type\":\"page\",\"urlPattern\":\"/race-" + run + "\"}]";
        Survey.Id first = api.createActive(SurveyApi.nps(trigger));
        Survey.Id second = api.createActive(SurveyApi.nps(trigger));
        int calls = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<SurveyOffer>>> offers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                offers.add(threads.submit(() -> {
                    start.await();
                    return surveys.offerFor(List.of("anon:racer-" + run), "https://shop.example/race-" + run, null,
                            SurveyInvitations.WEB);
                }));
            }
            start.countDown();
            long shown = 0;
            for (Future<Optional<SurveyOffer>> offer : offers) {
                shown += offer.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(shown).isEqualTo(1);
        }
        assertThat(api.stat(first, "shown") + api.stat(second, "shown")).isEqualTo(1);
        assertThat(api.stat(first, "skipped.recontact_window") + api.stat(second, "skipped.recontact_window"))
                .as("each of the other calls held both surveys back").isEqualTo(2L * (calls - 1));
    }

    @Test
    void a_sampling_rate_lets_about_that_share_of_people_through_and_counts_the_others() {
        Survey.Id half = api.createActive(SurveyApi.nps(",\"throttling\":{\"samplingRate\":0.5}"));
        String run = UUID.randomUUID().toString();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            people.add("user:sampled-" + i + "-" + run);
        }

        send(half, people.toArray(String[]::new));
        invitations.dispatchDue();

        long sent = api.stat(half, "sent");
        long sampledOut = api.stat(half, "skipped.sampled_out");
        assertThat(sent + sampledOut).isEqualTo(60);
        // Binomial(60, 0.5): outside 15–45 with a probability below 1 in 10,000.
        assertThat(sent).isBetween(15L, 45L);
    }

    @Test
    void a_paused_survey_skips_what_falls_due_and_an_invitation_nobody_picked_up_expires() {
        String run = UUID.randomUUID().toString();
        Survey.Id paused = api.createActive(SurveyApi.nps(""));
        Survey.Id web = api.createActive(SurveyApi.nps(""));
        send(paused, "user:paused-" + run);
        api.post("/api/v1/surveys/" + paused + "/pause", "");
        RapportClient.Response webSend = api.post("/api/v1/surveys/" + web + "/sends",
                "{\"channel\":\"web\",\"identifiers\":[\"user:away-" + run + "\"]}");

        invitations.dispatchDue();
        clock.advance(Duration.ofDays(8));
        invitations.dispatchDue();

        assertThat(webSend.json().get("invited").asInt()).isEqualTo(1);
        assertThat(api.stat(paused, "skipped.survey_inactive")).isEqualTo(1);
        assertThat(api.stat(web, "skipped.expired")).isEqualTo(1);
        assertThat(surveys.offerFor(List.of("user:away-" + run), "https://shop.example/", null, SurveyInvitations.WEB))
                .isEmpty();
    }

    private void send(Survey.Id survey, String... identifiers) {
        StringBuilder list = new StringBuilder();
        for (String identifier : identifiers) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(identifier).append('"');
        }
        RapportClient.Response sent = api.post("/api/v1/surveys/" + survey + "/sends",
                "{\"channel\":\"post\",\"identifiers\":[" + list + "]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    }

    private List<String> statuses(Survey.Id survey) {
        return invitations.list(survey, null, 100, null).items().stream().map(i -> i.status().wireName()).toList();
    }

    /** A customer with a user id whose newest answer for surveys is a refusal; answers their encoded user id. */
    private String customerRefusingSurveys(String userId) {
        String customer = identify(null, userId);
        RapportClient.Response denied = rapport.send(HttpRequest.newBuilder(
                        rapport.uri("/api/v1/customers/" + customer + "/consents/surveys"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"denied\"}")));
        assertThat(denied.status()).isEqualTo(200);
        return "user:" + userId;
    }

    /** Identifies a user id (with an anonymous id, if given) and answers their customer id once it exists. */
    private String identify(String anonymousId, String userId) {
        String writeKey = rapport.newSource("WEB").writeKey();
        String anonymous = anonymousId == null ? "" : ",\"anonymousId\":\"" + anonymousId + "\"";
        assertThat(rapport.track("/v1/identify", writeKey, "{\"userId\":\"" + userId + "\"" + anonymous + "}")
                .status()).isEqualTo(200);
        int identities = anonymousId == null ? 1 : 2;
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode items = rapport.get("/api/v1/customers?userId=" + userId).json().get("items");
            return items.isEmpty() || items.get(0).get("identities").size() != identities ? null
                    : items.get(0).get("id").stringValue();
        }, id -> id != null);
    }
}
