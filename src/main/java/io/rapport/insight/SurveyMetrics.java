package io.rapport.insight;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyStats;
import io.rapport.feedback.Surveys;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * NPS, CSAT and CES over UTC days, pooled across the surveys of the metric's type or per survey, channel and period,
 * read from the daily score roll-up ({@code insight_survey_days}) and its monthly sums; and response rates from the
 * surveys' counts.
 */
@Service
public class SurveyMetrics {

    /** The longest span a report covers. */
    public static final int MAX_DAYS = 3_660;
    /** The most points of a series cut per day. */
    public static final int MAX_DAY_POINTS = 1_100;
    /** The most responses a drill-down lists. */
    public static final int MAX_RESPONSES = 1_000;

    private final JdbcClient jdbc;
    private final Surveys surveys;

    SurveyMetrics(JdbcClient jdbc, Surveys surveys) {
        this.jdbc = jdbc;
        this.surveys = surveys;
    }

    /** Which responses to count: UTC days {@code from} to {@code to} (both included), optionally one survey or channel. */
    public record Query(LocalDate from, LocalDate to, MetricGrouping groupBy, @Nullable UUID surveyId,
            @Nullable String channel) {

        public Query {
            checkSeries(from, to, groupBy);
            channel = channel == null || channel.isBlank() ? null : channel.strip();
        }
    }

    /** Refuses days the wrong way round, too many of them, or too many for a series per day. */
    static void checkSeries(LocalDate from, LocalDate to, MetricGrouping groupBy) {
        long days = checkedDays(from, to);
        if (groupBy == MetricGrouping.DAY && days > MAX_DAY_POINTS) {
            throw ApiProblem.invalidField("groupBy", "A series per day covers at most " + MAX_DAY_POINTS
                    + " days; group by week or month for " + days + " days.");
        }
    }

    /** The number of days from {@code from} to {@code to}, refused when they are the wrong way round or too many. */
    static long checkedDays(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "The last day (" + to + ") is before the first (" + from + ").");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw ApiProblem.invalidField("from", "A report covers at most " + MAX_DAYS + " days; this one asks for "
                    + days + ".");
        }
        return days;
    }

    /** A metric over a query: the pooled total and the series of its groups (every period, empty ones included). */
    public record Report(SurveyMetric metric, LocalDate from, LocalDate to, MetricGrouping groupBy, MetricPoint total,
            List<MetricPoint> series) {
    }

    public Report report(SurveyMetric metric, Query query) {
        Map<String, Map<Integer, Long>> groups = new TreeMap<>();
        for (Span span : spans(query)) {
            String key = switch (query.groupBy()) {
                case DAY, WEEK, MONTH -> "cast(" + span.column() + " as varchar)";
                case SURVEY -> "cast(survey_id as varchar)";
                case CHANNEL -> "channel";
            };
            Map<String, Object> params = new HashMap<>();
            String where = where(metric, query, span.column(), span.from(), span.to(), params);
            jdbc.sql("select " + key + " as group_key, score, sum(responses) as responses from " + span.table()
                            + " where " + where + " group by " + key + ", score")
                    .params(params)
                    .query(rs -> {
                        String group = rs.getString("group_key");
                        if (query.groupBy().byTime()) {
                            group = query.groupBy().periodOf(LocalDate.parse(group.substring(0, 10))).toString();
                        }
                        groups.computeIfAbsent(group, g -> new TreeMap<>())
                                .merge(rs.getInt("score"), rs.getLong("responses"), Long::sum);
                    });
        }
        Map<String, ScoreCounts> ordered = new LinkedHashMap<>();
        if (query.groupBy().byTime()) {
            for (LocalDate period = query.groupBy().periodOf(query.from()); !period.isAfter(query.to());
                    period = query.groupBy().next(period)) {
                ordered.put(period.toString(), ScoreCounts.none());
            }
        }
        groups.forEach((group, counts) -> ordered.put(group, ScoreCounts.of(counts)));
        ScoreCounts total = ScoreCounts.none();
        List<MetricPoint> series = new ArrayList<>();
        for (Map.Entry<String, ScoreCounts> group : ordered.entrySet()) {
            total = total.plus(group.getValue());
            series.add(MetricPoint.of(metric, group.getKey(), group.getValue()));
        }
        return new Report(metric, query.from(), query.to(), query.groupBy(), MetricPoint.of(metric, "total", total),
                series);
    }

    /**
     * The responses counted in a metric's query (its grouping ignored), newest day first: what a point of a chart
     * stands for. {@code minScore}/{@code maxScore} narrow them to a band (detractors: 0–6).
     */
    public List<UUID> responsesBehind(SurveyMetric metric, Query query, @Nullable Integer minScore,
            @Nullable Integer maxScore, int limit) {
        if (limit < 1 || limit > MAX_RESPONSES) {
            throw ApiProblem.invalidField("limit", "limit must be 1–" + MAX_RESPONSES + ".");
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(where(metric, query, "on_date", query.from(), query.to(), params));
        if (minScore != null) {
            where.append(" and score >= :minScore");
            params.put("minScore", minScore);
        }
        if (maxScore != null) {
            where.append(" and score <= :maxScore");
            params.put("maxScore", maxScore);
        }
        return jdbc.sql("select response_id from insight_survey_scores where " + where
                        + " order by on_date desc, response_id limit " + limit)
                .params(params).query(UUID.class).list();
    }

    /** Days from {@code from} to {@code to} (both included) of a roll-up table whose rows start at {@code column}. */
    private record Span(String table, String column, LocalDate from, LocalDate to) {
    }

    /**
     * Where a report's counts are read: a series by month and the cuts by survey or channel read the whole months
     * of their days from the monthly sums and only the days of a partial first or last month from the daily counts
     * (three years are 36 rows per survey, channel, locale and score instead of 1,096); a series by day or week
     * reads the daily counts.
     */
    private static List<Span> spans(Query query) {
        Span days = new Span("insight_survey_days", "on_date", query.from(), query.to());
        if (query.groupBy() == MetricGrouping.DAY || query.groupBy() == MetricGrouping.WEEK) {
            return List.of(days);
        }
        LocalDate firstWhole = query.from().getDayOfMonth() == 1 ? query.from()
                : query.from().withDayOfMonth(1).plusMonths(1);
        LocalDate afterWhole = query.to().plusDays(1).withDayOfMonth(1);
        if (!firstWhole.isBefore(afterWhole)) {
            return List.of(days);
        }
        List<Span> spans = new ArrayList<>(3);
        if (query.from().isBefore(firstWhole)) {
            spans.add(new Span(days.table(), days.column(), query.from(), firstWhole.minusDays(1)));
        }
        spans.add(new Span("insight_survey_months", "on_month", firstWhole, afterWhole.minusMonths(1)));
        if (!afterWhole.isAfter(query.to())) {
            spans.add(new Span(days.table(), days.column(), afterWhole, query.to()));
        }
        return spans;
    }

    private static String where(SurveyMetric metric, Query query, String column, LocalDate from, LocalDate to,
            Map<String, Object> params) {
        StringBuilder where = new StringBuilder("survey_type = :type and " + column + " between :from and :to");
        params.put("type", metric.type().name());
        params.put("from", from);
        params.put("to", to);
        if (query.surveyId() != null) {
            where.append(" and survey_id = :survey");
            params.put("survey", query.surveyId());
        }
        if (query.channel() != null) {
            where.append(" and channel = :channel");
            params.put("channel", query.channel());
        }
        return where.toString();
    }

    /**
     * One survey's response rate over some days: responses that got their first answer ÷ contacts (invitations sent
     * by a push channel or shown by the widget, a link or a QR code).
     */
    public record ResponseRate(@Nullable UUID surveyId, @Nullable String name, long contacts, long answered,
            @Nullable Estimate rate) {
    }

    /** Per survey of the metric's type (newest first), then pooled over them all (surveyId and name null). */
    public List<ResponseRate> responseRates(SurveyMetric metric, LocalDate from, LocalDate to) {
        checkedDays(from, to);
        List<ResponseRate> rates = new ArrayList<>();
        long contacts = 0;
        long answered = 0;
        for (Survey survey : surveys.list(null)) {
            if (survey.type() != metric.type()) {
                continue;
            }
            SurveyStats stats = surveys.stats(survey.id(), from, to);
            long reached = stats.sent() + stats.shown();
            rates.add(new ResponseRate(survey.id().value(), survey.definition().name(), reached, stats.answered(),
                    Proportion.percent(Math.min(stats.answered(), reached), reached)));
            contacts += reached;
            answered += stats.answered();
        }
        rates.add(new ResponseRate(null, null, contacts, answered, Proportion.percent(Math.min(answered, contacts),
                contacts)));
        return rates;
    }
}
