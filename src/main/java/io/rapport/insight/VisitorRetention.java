package io.rapport.insight;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.platform.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Visitor retention by cohort: persons grouped by the ISO week (from Monday, UTC) in which they were first active, and
 * the share of each cohort active k weeks later ({@link RetentionVariant#IN}) or then or later
 * ({@link RetentionVariant#IN_OR_AFTER}). Read from the visitor roll-ups of the {@code insight.activity} consumer
 * (docs/metrics.md, "Visitor retention").
 */
@Service
public class VisitorRetention {

    /** The most cohort weeks one table covers. */
    public static final int MAX_WEEKS = 156;

    private final JdbcClient jdbc;

    VisitorRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One cohort: its week (a Monday), its size, and per week k = 0, 1, … visitors counted and their percent. */
    public record Cohort(LocalDate week, long size, List<Long> active, List<Double> percent) {
    }

    public record Table(LocalDate from, LocalDate to, RetentionVariant variant, List<Cohort> cohorts, long visitors) {
    }

    /** The cohorts of the weeks of {@code from} to {@code to} (any day of them). */
    public Table table(LocalDate from, LocalDate to, RetentionVariant variant) {
        LocalDate first = MetricGrouping.WEEK.periodOf(from);
        LocalDate last = MetricGrouping.WEEK.periodOf(to);
        if (last.isBefore(first)) {
            throw ApiProblem.invalidField("to", "The last week (" + last + ") is before the first (" + first + ").");
        }
        long weeks = ChronoUnit.WEEKS.between(first, last) + 1;
        if (weeks > MAX_WEEKS) {
            throw ApiProblem.invalidField("from", "A visitor retention table covers at most " + MAX_WEEKS
                    + " weeks; this one asks for " + weeks + ".");
        }
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            counts.put(week, new long[(int) ChronoUnit.WEEKS.between(week, last) + 1]);
        }
        String sql = variant == RetentionVariant.IN
                ? "select first_week, active_week as week, visitors from insight_visitor_weeks"
                : "select first_week, last_week as week, visitors from insight_visitor_spans";
        jdbc.sql(sql + " where first_week between ? and ? and visitors > 0").params(first, last).query(rs -> {
            long[] row = counts.get(rs.getObject("first_week", LocalDate.class));
            int k = (int) ChronoUnit.WEEKS.between(rs.getObject("first_week", LocalDate.class),
                    rs.getObject("week", LocalDate.class));
            long visitors = rs.getLong("visitors");
            if (variant == RetentionVariant.IN) {
                if (k < row.length) {
                    row[k] += visitors;
                }
            } else {
                // Last active in week k: counted in every week up to k (weeks after the table's end at its end).
                for (int i = 0; i <= Math.min(k, row.length - 1); i++) {
                    row[i] += visitors;
                }
            }
        });
        List<Cohort> cohorts = new ArrayList<>();
        long visitors = 0;
        for (Map.Entry<LocalDate, long[]> cohort : counts.entrySet()) {
            long[] row = cohort.getValue();
            cohorts.add(new Cohort(cohort.getKey(), row[0], Arrays.stream(row).boxed().toList(),
                    Arrays.stream(row).mapToObj(n -> row[0] == 0 ? 0.0 : Math.round(10_000.0 * n / row[0])
                            / 100.0).toList()));
            visitors += row[0];
        }
        return new Table(first, last, variant, cohorts, visitors);
    }

    /**
     * The visitors behind one cell: the cohort's persons active in week k (or then or later), at most {@code limit},
     * in order of their identifiers.
     */
    public List<String> visitors(LocalDate cohort, int k, RetentionVariant variant, int limit) {
        if (k < 0 || k > MAX_WEEKS) {
            throw ApiProblem.invalidField("period", "period must be 0–" + MAX_WEEKS + ".");
        }
        if (limit < 1 || limit > ActiveUsers.MAX_PERSONS) {
            throw ApiProblem.invalidField("limit", "limit must be 1–" + ActiveUsers.MAX_PERSONS + ".");
        }
        String condition = "and not exists (" + PersonPeriods.SAME_SERIES + " and b.period < :at) and exists ("
                + PersonPeriods.SAME_SERIES + " and b.period " + (variant == RetentionVariant.IN ? "=" : ">=")
                + " :active)";
        LocalDate week = MetricGrouping.WEEK.periodOf(cohort);
        return PersonPeriods.persons(jdbc, MetricGrouping.WEEK, "all", condition,
                Map.of("at", week, "active", week.plusWeeks(k)), limit);
    }
}
