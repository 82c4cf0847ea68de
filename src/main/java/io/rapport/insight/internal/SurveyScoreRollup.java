package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.rapport.feedback.SurveyAnswered;
import io.rapport.feedback.SurveyType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily score counts of {@code insight_survey_days} and their monthly sums {@code insight_survey_months}
 * in step with the responses. It listens inside the transaction that stores a response, so a count commits or rolls
 * back with its response. A response is counted once, on the UTC day of its first score, under its survey, channel
 * and locale; a changed score moves its count from the old score to the new one (remembered per response in
 * {@code insight_survey_scores}).
 */
@Component
class SurveyScoreRollup {

    private record Counted(LocalDate day, String channel, String locale, int score) {
    }

    private final JdbcClient jdbc;

    SurveyScoreRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(SurveyAnswered answered) {
        if (answered.score() == null || answered.type() == SurveyType.CUSTOM) {
            return;
        }
        int score = answered.score();
        Optional<Counted> before = jdbc.sql("""
                select on_date, channel, locale, score from insight_survey_scores where response_id = ? for update""")
                .param(answered.responseId())
                .query((rs, n) -> new Counted(rs.getObject("on_date", LocalDate.class), rs.getString("channel"),
                        rs.getString("locale"), rs.getInt("score")))
                .optional();
        if (before.isPresent()) {
            Counted counted = before.get();
            if (counted.score() == score) {
                return;
            }
            add(answered, counted, -1);
            jdbc.sql("update insight_survey_scores set score = ? where response_id = ?")
                    .params(score, answered.responseId()).update();
            add(answered, new Counted(counted.day(), counted.channel(), counted.locale(), score), 1);
            return;
        }
        Counted counted = new Counted(LocalDate.ofInstant(answered.answeredAt(), ZoneOffset.UTC),
                answered.channel(), answered.locale() == null ? "" : answered.locale(), score);
        jdbc.sql("""
                insert into insight_survey_scores (response_id, survey_id, survey_type, on_date, channel, locale, score)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(answered.responseId(), answered.surveyId(), answered.type().name(), counted.day(),
                        counted.channel(), counted.locale(), score)
                .update();
        add(answered, counted, 1);
    }

    /** Adds to a day's count and its month's; concurrent first responses share the rows whichever came first made. */
    private void add(SurveyAnswered answered, Counted counted, int delta) {
        add("insight_survey_days", "on_date", counted.day(), answered, counted, delta);
        add("insight_survey_months", "on_month", counted.day().withDayOfMonth(1), answered, counted, delta);
    }

    private void add(String table, String period, LocalDate start, SurveyAnswered answered, Counted counted,
            int delta) {
        jdbc.sql("insert into " + table + " (" + period + """
                , survey_id, survey_type, channel, locale, score, responses)
                values (?, ?, ?, ?, ?, ?, 0) on conflict do nothing""")
                .params(start, answered.surveyId(), answered.type().name(), counted.channel(), counted.locale(),
                        counted.score())
                .update();
        jdbc.sql("update " + table + " set responses = responses + ? where " + period + """
                 = ? and survey_id = ? and channel = ? and locale = ? and score = ?""")
                .params(delta, start, answered.surveyId(), counted.channel(), counted.locale(), counted.score())
                .update();
    }
}
