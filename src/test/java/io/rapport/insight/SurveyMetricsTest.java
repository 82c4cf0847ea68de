package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyAnswered;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveyType;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** NPS, CSAT and CES from the daily score roll-up, checked against hand-computed fixtures through the API. */
@RapportTest
class SurveyMetricsTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    RapportClient rapport;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @Autowired
    SurveyMetrics metrics;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void nps_is_promoters_minus_detractors_with_the_adjusted_wald_interval() {
        Survey.Id survey = createActive("NPS");
        for (int score : new int[] {10, 10, 9, 9, 8, 7, 6, 3, 0, 10}) {
            answer(survey, SurveyInvitations.LINK, score);
        }

        JsonNode total = metric("nps", survey, "day").get("total");

        // 5 promoters, 2 passives, 3 detractors of 10: NPS = 50 % − 30 % = 20. Adjusted Wald (Rocks 2016):
        // n' = 13, p' = 5.75/13, d' = 3.75/13, interval (p' − d') ± 1.96 √((p' + d' − (p' − d')²)/n').
        assertThat(total.get("n").asLong()).isEqualTo(10);
        assertThat(total.get("value").get("value").asDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(total.get("value").get("low").asDouble()).isCloseTo(-30.326, within(0.001));
        assertThat(total.get("value").get("high").asDouble()).isCloseTo(61.095, within(0.001));
        assertThat(total.get("counts").toString()).isEqualTo("{\"0\":1,\"3\":1,\"6\":1,\"7\":1,\"8\":1,\"9\":2,\"10\":3}");
    }

    @Test
    void a_changed_score_moves_its_count_and_a_repeated_submit_counts_nothing() {
        Survey.Id survey = createActive("NPS");
        Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, null, "en", null, null);
        responses.answer(invitation.token(), score(3));
        responses.answer(invitation.token(), score(3));
        assertThat(metric("nps", survey, "day").get("total").get("counts").toString()).isEqualTo("{\"3\":1}");

        responses.answer(invitation.token(), score(9));
        responses.answer(invitation.token(), new SurveyResponses.Submission(
                Map.of("reason", JSON.getNodeFactory().stringNode("Quick delivery")), null, false));

        JsonNode total = metric("nps", survey, "day").get("total");
        assertThat(total.get("counts").toString()).isEqualTo("{\"3\":0,\"9\":1}");
        assertThat(total.get("n").asLong()).isEqualTo(1);
        assertThat(total.get("value").get("value").asDouble()).isEqualTo(100.0);
    }

    @Test
    void csat_is_the_share_of_four_and_five_with_the_wilson_interval() {
        Survey.Id survey = createActive("CSAT");
        for (int score : new int[] {5, 4, 4, 3, 1}) {
            answer(survey, SurveyInvitations.LINK, score);
        }

        JsonNode value = metric("csat", survey, "month").get("total").get("value");

        assertThat(value.get("value").asDouble()).isCloseTo(60.0, within(1e-9));
        assertThat(value.get("low").asDouble()).isCloseTo(23.072, within(0.001));
        assertThat(value.get("high").asDouble()).isCloseTo(88.238, within(0.001));
    }

    @Test
    void ces_is_the_mean_with_a_t_interval_and_the_share_of_five_to_seven() {
        Survey.Id survey = createActive("CES");
        for (int score : new int[] {7, 6, 5, 4, 2}) {
            answer(survey, SurveyInvitations.LINK, score);
        }

        JsonNode total = metric("ces", survey, "week").get("total");

        // mean 4.8, s² = 14.8/4 = 3.7, t(0.975, 4) = 2.776445: 4.8 ± 2.388 (the upper end held at the scale's 7).
        assertThat(total.get("value").get("value").asDouble()).isCloseTo(4.8, within(1e-9));
        assertThat(total.get("value").get("low").asDouble()).isCloseTo(2.4116, within(0.0001));
        assertThat(total.get("value").get("high").asDouble()).isEqualTo(7.0);
        assertThat(total.get("share").get("value").asDouble()).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void a_series_per_channel_and_a_channel_filter_split_the_same_counts() {
        Survey.Id survey = createActive("NPS");
        answer(survey, SurveyInvitations.LINK, 10);
        answer(survey, SurveyInvitations.LINK, 0);
        answer(survey, SurveyInvitations.STORE, 9);

        JsonNode byChannel = metric("nps", survey, "channel").get("series");
        JsonNode store = get("/api/v1/metrics/nps?groupBy=day&surveyId=" + survey + "&channel=store").json();

        assertThat(byChannel).hasSize(2);
        assertThat(byChannel.get(0).get("key").stringValue()).isEqualTo("link");
        assertThat(byChannel.get(0).get("value").get("value").asDouble()).isEqualTo(0.0);
        assertThat(byChannel.get(1).get("key").stringValue()).isEqualTo("store");
        assertThat(byChannel.get(1).get("value").get("value").asDouble()).isEqualTo(100.0);
        assertThat(store.get("total").get("n").asLong()).isEqualTo(1);
        assertThat(store.get("series")).hasSize(90).allSatisfy(point -> assertThat(point.has("key")).isTrue());
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        RapportClient.Response grouping = get("/api/v1/metrics/nps?groupBy=year");
        RapportClient.Response days = get("/api/v1/metrics/csat?from=2026-02-01&to=2026-01-01");
        RapportClient.Response tooMany = get("/api/v1/metrics/ces?from=2020-01-01&to=2026-01-01&groupBy=day");

        assertThat(grouping.status()).isEqualTo(400);
        assertThat(grouping.json().get("field").stringValue()).isEqualTo("groupBy");
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.json().get("field").stringValue()).isEqualTo("to");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").stringValue()).contains("group by week or month");
    }

    @Test
    void the_response_rate_is_responses_over_contacts() {
        Survey.Id survey = createActive("CSAT");
        answer(survey, SurveyInvitations.LINK, 5);
        invitations.open(survey, SurveyInvitations.LINK, null, "en", null, null);

        JsonNode rates = get("/api/v1/metrics/response-rate?type=csat").json();

        JsonNode mine = null;
        for (JsonNode rate : rates.get("surveys")) {
            if (rate.get("surveyId").stringValue().equals(survey.toString())) {
                mine = rate;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("contacts").asLong()).isEqualTo(2);
        assertThat(mine.get("answered").asLong()).isEqualTo(1);
        assertThat(mine.get("rate").get("value").asDouble()).isEqualTo(50.0);
        assertThat(rates.get("total").get("contacts").asLong()).isGreaterThanOrEqualTo(2);
    }

    private Survey.Id createActive(String type) {
        String definition = """
                {"name":"%s metrics","type":"%s","defaultLanguage":"en","languages":["en"],
                 "questions":[{"id":"score","kind":"score"},{"id":"reason","kind":"reason"}]}""".formatted(type, type);
        RapportClient.Response created = post("/api/v1/surveys", definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        assertThat(post("/api/v1/surveys/" + id + "/activate", "").status()).isEqualTo(200);
        return new Survey.Id(UUID.fromString(id));
    }

    private void answer(Survey.Id survey, String channel, int score) {
        Invitation invitation = invitations.open(survey, channel, null, "en", null, null);
        responses.answer(invitation.token(), score(score));
    }

    private static SurveyResponses.Submission score(int score) {
        return new SurveyResponses.Submission(Map.of("score", JSON.getNodeFactory().numberNode(score)), null, false);
    }

    private JsonNode metric(String metric, Survey.Id survey, String groupBy) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        RapportClient.Response response = get("/api/v1/metrics/" + metric + "?from=" + today + "&to=" + today
                + "&groupBy=" + groupBy + "&surveyId=" + survey);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private RapportClient.Response get(String path) {
        return rapport.get(path);
    }

    private RapportClient.Response post(String path, String body) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void reports_reading_whole_months_from_the_monthly_sums_equal_the_daily_counts() {
        UUID survey = UUID.randomUUID();
        SplittableRandom random = new SplittableRandom(22);
        Map<UUID, Object[]> answers = new HashMap<>();
        LocalDate first = LocalDate.of(1999, 11, 20);
        for (int i = 0; i < 300; i++) {
            UUID response = UUID.randomUUID();
            LocalDate day = first.plusDays(random.nextInt(500));
            String channel = List.of("web", "email", "link").get(random.nextInt(3));
            answers.put(response, new Object[] {day, channel, random.nextInt(11)});
        }
        answers.forEach((response, a) -> events.publishEvent(answered(response, survey, a)));
        answers.values().stream().limit(30).forEach(a -> a[2] = ((int) a[2] + 5) % 11);
        answers.forEach((response, a) -> events.publishEvent(answered(response, survey, a)));

        List<LocalDate[]> spans = List.of(new LocalDate[] {first, LocalDate.of(2001, 3, 31)},
                new LocalDate[] {LocalDate.of(1999, 12, 1), LocalDate.of(2000, 12, 31)},
                new LocalDate[] {LocalDate.of(2000, 1, 15), LocalDate.of(2000, 3, 14)},
                new LocalDate[] {LocalDate.of(2000, 2, 10), LocalDate.of(2000, 2, 20)},
                new LocalDate[] {LocalDate.of(1999, 11, 25), LocalDate.of(2000, 11, 30)});
        for (LocalDate[] span : spans) {
            for (MetricGrouping grouping : List.of(MetricGrouping.MONTH, MetricGrouping.SURVEY, MetricGrouping.CHANNEL,
                    MetricGrouping.WEEK)) {
                Map<String, Map<Integer, Long>> expected = new TreeMap<>();
                answers.values().stream().filter(a -> !((LocalDate) a[0]).isBefore(span[0])
                        && !((LocalDate) a[0]).isAfter(span[1])).forEach(a -> expected
                        .computeIfAbsent(switch (grouping) {
                            case MONTH -> ((LocalDate) a[0]).withDayOfMonth(1).toString();
                            case WEEK -> grouping.periodOf((LocalDate) a[0]).toString();
                            case SURVEY -> survey.toString();
                            default -> (String) a[1];
                        }, k -> new TreeMap<>()).merge((Integer) a[2], 1L, Long::sum));
                Map<String, Map<Integer, Long>> actual = new TreeMap<>();
                metrics.report(SurveyMetric.NPS, new SurveyMetrics.Query(span[0], span[1], grouping, survey, null))
                        .series().forEach(point -> {
                            Map<Integer, Long> counts = new TreeMap<>(point.counts().counts());
                            counts.values().removeIf(n -> n == 0);
                            if (!counts.isEmpty()) {
                                actual.put(point.key(), counts);
                            }
                        });
                assertThat(actual).as(grouping + " " + span[0] + ".." + span[1]).isEqualTo(expected).isNotEmpty();
            }
        }
    }

    private static SurveyAnswered answered(UUID response, UUID survey, Object[] answer) {
        return new SurveyAnswered(response, survey, SurveyType.NPS, null, (Integer) answer[2], null, "en",
                (String) answer[1], null, null, ((LocalDate) answer[0]).atTime(10, 0).toInstant(ZoneOffset.UTC), true);
    }
}
