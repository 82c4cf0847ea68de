package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.SurveyTestConfiguration.AnsweredEvents;
import io.rapport.platform.ApiProblem;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Responses: answered by token, kept when partial, counted once, published as SurveyAnswered, listed with filters. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyResponsesTest extends SurveyTestSupport {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void a_repeated_submit_with_the_same_token_is_counted_once_and_published_once() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Invitation invitation = invitations.open(id, SurveyInvitations.LINK, "user:repeat-" + UUID.randomUUID(), "en",
                "order-9", null);
        SurveyResponses.Submission submission = submission("{\"score\":9,\"reason\":\"  Fast delivery \"}", false);

        SurveyResponse first = responses.answer(invitation.token(), submission);
        SurveyResponse second = responses.answer(invitation.token(), submission);

        assertThat(second).isEqualTo(first);
        assertThat(first.id()).isEqualTo(invitation.token());
        assertThat(first.score()).isEqualTo(9);
        assertThat(first.comment()).isEqualTo("Fast delivery");
        assertThat(first.orderId()).isEqualTo("order-9");
        assertThat(first.channel()).isEqualTo("link");
        assertThat(first.complete()).as("the choice question is shown for 0–6 only").isTrue();
        assertThat(api.stat(id, "answered")).isEqualTo(1);
        assertThat(api.get("/api/v1/surveys/" + id + "/responses").json().get("items")).hasSize(1);
        List<AnsweredEvents.Received> events = answered.of(invitation.token());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().inTransaction()).isTrue();
        SurveyAnswered event = events.getFirst().event();
        assertThat(event.surveyId()).isEqualTo(id.value());
        assertThat(event.type()).isEqualTo(SurveyType.NPS);
        assertThat(event.identifier()).isEqualTo(invitation.identifier());
        assertThat(event.score()).isEqualTo(9);
        assertThat(event.comment()).isEqualTo("Fast delivery");
        assertThat(event.locale()).isEqualTo("en");
        assertThat(event.channel()).isEqualTo("link");
        assertThat(event.orderId()).isEqualTo("order-9");
        assertThat(event.complete()).isTrue();
    }

    @Test
    void a_partial_response_is_kept_and_completed_by_a_later_submit() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Invitation invitation = invitations.open(id, SurveyInvitations.STORE, null, "pt-BR", null, null);

        SurveyResponse scored = responses.answer(invitation.token(), submission("{\"score\":3}", false));
        SurveyResponse explained = responses.answer(invitation.token(),
                submission("{\"reason\":\"A entrega atrasou\",\"improve\":[\"delivery\",\"price\"]}", false));

        assertThat(scored.complete()).isFalse();
        assertThat(scored.answers()).containsOnlyKeys("score");
        assertThat(explained.complete()).isTrue();
        assertThat(explained.score()).isEqualTo(3);
        assertThat(explained.comment()).isEqualTo("A entrega atrasou");
        assertThat(explained.locale()).isEqualTo("pt-BR");
        assertThat(explained.answers().keySet()).containsExactly("score", "reason", "improve");
        assertThat(explained.answers().get("improve").toString()).isEqualTo("[\"delivery\",\"price\"]");
        assertThat(answered.of(invitation.token())).extracting(r -> r.event().complete()).containsExactly(false, true);
        assertThat(api.stat(id, "answered")).isEqualTo(1);
        assertThat(api.stat(id, "completed")).isEqualTo(1);
        assertThat(page(id, "complete=false")).doesNotContain(invitation.token().toString());
        assertThat(page(id, "complete=true")).contains(invitation.token().toString());
    }

    @Test
    void a_person_who_is_done_completes_the_response_without_answering_the_rest() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Invitation invitation = invitations.open(id, SurveyInvitations.LINK, null, null, null, null);

        SurveyResponse done = responses.answer(invitation.token(), submission("{\"score\":2}", true));

        assertThat(done.complete()).isTrue();
        assertThat(done.comment()).isNull();
    }

    @Test
    void answers_off_the_scale_or_the_options_are_refused_naming_each_answer() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Invitation invitation = invitations.open(id, SurveyInvitations.LINK, null, null, null, null);

        assertThatThrownBy(() -> responses.answer(invitation.token(), submission("""
                {"score":11,"improve":["delivery","delivery"],"mood":"fine","reason":7}""", false)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field)
                        .containsExactly("answers.score", "answers.improve", "answers.mood", "answers.reason"));
        assertThatThrownBy(() -> responses.answer(invitation.token(), submission("{\"score\":9.5}", false)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.field()).isEqualTo("answers.score"));
        assertThatThrownBy(() -> responses.answer(invitation.token(), submission("{\"reason\":\"   \"}", false)))
                .as("a blank text is no answer").isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.field()).isEqualTo("answers"));
        assertThat(responses.find(invitation.token())).isEmpty();
    }

    @Test
    void only_an_invitation_that_went_out_recently_to_an_open_survey_is_answered() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String run = UUID.randomUUID().toString();
        api.post("/api/v1/surveys/" + id + "/sends", "{\"channel\":\"web\",\"identifiers\":[\"user:waiting-" + run
                + "\"]}");
        Invitation waiting = invitations.list(id, InvitationStatus.SCHEDULED, 1, null).items().getFirst();
        Invitation old = invitations.open(id, SurveyInvitations.LINK, null, null, null, null);
        clock.advance(Duration.ofDays(31));
        Invitation recent = invitations.open(id, SurveyInvitations.LINK, null, null, null, null);

        assertThat(status(() -> responses.answer(UUID.randomUUID(), submission("{\"score\":5}", false))))
                .isEqualTo(404);
        assertThat(status(() -> responses.answer(waiting.token(), submission("{\"score\":5}", false)))).isEqualTo(409);
        assertThat(status(() -> responses.answer(old.token(), submission("{\"score\":5}", false)))).isEqualTo(410);
        responses.answer(recent.token(), submission("{\"score\":5}", false));
        api.post("/api/v1/surveys/" + id + "/archive", "");
        assertThat(status(() -> responses.answer(recent.token(), submission("{\"score\":6}", false)))).isEqualTo(410);
    }

    @Test
    void responses_are_listed_newest_first_a_page_at_a_time_with_filters() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Instant start = clock.instant();
        List<String> tokens = new ArrayList<>();
        int[] scores = {0, 6, 7, 9, 10};
        for (int i = 0; i < scores.length; i++) {
            Invitation invitation = invitations.open(id, i % 2 == 0 ? SurveyInvitations.LINK : SurveyInvitations.STORE,
                    null, null, null, null);
            responses.answer(invitation.token(), submission("{\"score\":" + scores[i] + "}", false));
            tokens.add(invitation.token().toString());
            clock.advance(Duration.ofMinutes(1));
        }

        JsonNode first = api.get("/api/v1/surveys/" + id + "/responses?limit=2").json();
        JsonNode second = api.get("/api/v1/surveys/" + id + "/responses?limit=2&cursor="
                + first.get("next").stringValue()).json();
        assertThat(ids(first)).containsExactly(tokens.get(4), tokens.get(3));
        assertThat(ids(second)).containsExactly(tokens.get(2), tokens.get(1));
        assertThat(ids(api.get("/api/v1/surveys/" + id + "/responses?minScore=0&maxScore=6").json()))
                .containsExactly(tokens.get(1), tokens.get(0));
        assertThat(ids(api.get("/api/v1/surveys/" + id + "/responses?channel=store").json()))
                .containsExactly(tokens.get(3), tokens.get(1));
        assertThat(ids(api.get("/api/v1/surveys/" + id + "/responses?from=" + start.plus(Duration.ofSeconds(90))
                + "&to=" + start.plus(Duration.ofSeconds(210))).json()))
                .containsExactly(tokens.get(3), tokens.get(2));
        assertThat(api.get("/api/v1/surveys/" + id + "/responses?limit=0").json().get("field").stringValue())
                .isEqualTo("limit");
        assertThat(api.get("/api/v1/surveys/" + UUID.randomUUID() + "/responses").status()).isEqualTo(404);
    }

    private static SurveyResponses.Submission submission(String answers, boolean done) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        JSON.readTree(answers).properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return new SurveyResponses.Submission(map, null, done);
    }

    private String page(Survey.Id id, String query) {
        return api.get("/api/v1/surveys/" + id + "/responses?" + query).body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (ApiProblem problem) {
            return problem.status().value();
        }
    }
}
