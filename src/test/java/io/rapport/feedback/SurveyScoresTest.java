package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.platform.ApiProblem;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/** Score counts per day from the stored responses, and the NPS, CSAT and CES computed from them, checked by hand. */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyScoresTest extends SurveyTestSupport {

    @Test
    void ten_nps_answers_over_two_days_give_the_nps_computed_by_hand() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        // Promoters 10, 9, 9, 9, 10 (5); passives 8, 7 (2); detractors 6, 3, 0 (3): NPS = 50% − 30% = +20.
        Map<LocalDate, Map<Integer, Long>> expected = new TreeMap<>();
        answer(id, expected, 10, 9, 9, 9, 8, 7);
        clock.advance(Duration.ofDays(1));
        answer(id, expected, 6, 3, 10, 0);
        Invitation unscored = invitations.open(id, SurveyInvitations.LINK, null, "en", null, null);
        responses.answer(unscored.token(),
                new SurveyResponses.Submission(Map.of("reason", StringNode.valueOf("No score")), null, true));

        LocalDate first = expected.keySet().iterator().next();
        List<DailyScores> days = responses.scoresPerDay(id, first.minusDays(3), first.plusDays(3));

        assertThat(days).extracting(DailyScores::day).containsExactlyElementsOf(expected.keySet());
        days.forEach(day -> assertThat(day.counts().byScore()).isEqualTo(expected.get(day.day())));
        ScoreCounts all = days.stream().map(DailyScores::counts).reduce(ScoreCounts.none(SurveyType.NPS),
                ScoreCounts::plus);
        assertThat(all.total()).isEqualTo(10);
        assertThat(all.within(ScoreCounts.NPS_PROMOTERS)).isEqualTo(5);
        assertThat(all.within(ScoreCounts.NPS_PASSIVES)).isEqualTo(2);
        assertThat(all.within(ScoreCounts.NPS_DETRACTORS)).isEqualTo(3);
        assertThat(all.nps().getAsDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(all.headline().getAsDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(responses.scoresPerDay(id, first.minusDays(10), first.minusDays(4))).isEmpty();
    }

    @Test
    void csat_is_the_share_of_satisfied_answers_and_ces_the_mean() {
        // CSAT 5, 4, 4, 3, 1: 3 of 5 satisfied = 60%. CES 7, 6, 5, 4, 2: mean 24 / 5 = 4.8, 3 of 5 easy = 60%.
        ScoreCounts csat = new ScoreCounts(SurveyType.CSAT, Map.of(5, 1L, 4, 2L, 3, 1L, 1, 1L));
        ScoreCounts ces = new ScoreCounts(SurveyType.CES, Map.of(7, 1L, 6, 1L, 5, 1L, 4, 1L, 2, 1L));

        assertThat(csat.headline().getAsDouble()).isCloseTo(60.0, within(1e-9));
        assertThat(ces.headline().getAsDouble()).isCloseTo(4.8, within(1e-9));
        assertThat(ces.percentWithin(ScoreCounts.CES_EASY).getAsDouble()).isCloseTo(60.0, within(1e-9));
        assertThat(ScoreCounts.none(SurveyType.NPS).headline()).isEmpty();
    }

    @Test
    void a_reversed_span_or_an_unknown_survey_is_refused() {
        Survey.Id id = api.create(SurveyApi.nps(""));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThatThrownBy(() -> responses.scoresPerDay(id, today, today.minusDays(1)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("to"));
        assertThatThrownBy(() -> responses.scoresPerDay(new Survey.Id(UUID.randomUUID()), today, today))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status().value()).isEqualTo(404));
    }

    private void answer(Survey.Id id, Map<LocalDate, Map<Integer, Long>> expected, int... scores) {
        for (int score : scores) {
            Invitation invitation = invitations.open(id, SurveyInvitations.LINK, null, "en", null, null);
            SurveyResponse response = responses.answer(invitation.token(),
                    new SurveyResponses.Submission(Map.of("score", IntNode.valueOf(score)), null, false));
            expected.computeIfAbsent(LocalDate.ofInstant(response.answeredAt(), ZoneOffset.UTC), d -> new TreeMap<>())
                    .merge(score, 1L, Long::sum);
        }
    }
}
