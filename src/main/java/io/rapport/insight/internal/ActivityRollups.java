package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.rapport.insight.MetricGrouping;
import io.rapport.platform.SqlLists;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored side of the activity roll-ups: persons' active periods ({@code insight_person_periods}) and the counts
 * kept from them ({@code insight_active_periods}, {@code insight_visitor_weeks}, {@code insight_visitor_spans}).
 * Reads and writes a whole batch at once: one query per 500 persons, one JDBC batch per table.
 */
@Component
class ActivityRollups {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ActivityRollups(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * The stored periods of these persons: every week and month, and the days from {@code firstDay} to {@code lastDay}
     * (all days when both are null).
     */
    Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored(Collection<String> persons, @Nullable LocalDate firstDay,
            @Nullable LocalDate lastDay) {
        Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored = new HashMap<>();
        boolean allDays = firstDay == null || lastDay == null;
        String days = allDays ? "" : " and (grain <> 'day' or period between :first and :last)";
        for (List<String> chunk : SqlLists.chunks(persons)) {
            jdbc.sql("select person, channel, grain, period from insight_person_periods where person in (:persons)" + days)
                    .param("persons", chunk)
                    .params(allDays ? Map.of() : Map.of("first", firstDay, "last", lastDay))
                    .query(rs -> {
                        ActivityChanges.Series series = new ActivityChanges.Series(rs.getString("person"),
                                rs.getString("channel"), MetricGrouping.fromWire(rs.getString("grain")).orElseThrow());
                        stored.computeIfAbsent(series, s -> new TreeSet<>()).add(rs.getObject("period", LocalDate.class));
                    });
        }
        return stored;
    }

    void insert(Collection<ActivityChanges.Period> periods) {
        batches.batchUpdate("insert into insight_person_periods (person, channel, grain, period) values (?, ?, ?, ?)",
                periods.stream().map(p -> new Object[] {p.series().person(), p.series().channel(),
                        p.series().grain().wire(), p.start()}).toList());
    }

    void delete(Collection<String> persons) {
        for (List<String> chunk : SqlLists.chunks(persons)) {
            jdbc.sql("delete from insight_person_periods where person in (:persons)").param("persons", chunk).update();
        }
    }

    /** Adds the changes to the counts: rows a change needs are created at zero first. */
    void apply(ActivityChanges changes) {
        List<Object[]> cells = new ArrayList<>();
        changes.periods.forEach((cell, delta) -> {
            if (delta[0] != 0 || delta[1] != 0 || delta[2] != 0 || delta[3] != 0 || delta[4] != 0) {
                cells.add(new Object[] {delta[0], delta[1], delta[2], delta[3], delta[4], cell.grain().wire(),
                        cell.channel(), cell.period()});
            }
        });
        batches.batchUpdate("""
                insert into insight_active_periods (grain, channel, period, active, new_persons, returning_persons,
                    resurrecting_persons, dormant_persons) values (?, ?, ?, 0, 0, 0, 0, 0)
                on conflict do nothing""", cells.stream().map(c -> new Object[] {c[5], c[6], c[7]}).toList());
        batches.batchUpdate("""
                update insight_active_periods set active = active + ?, new_persons = new_persons + ?,
                    returning_persons = returning_persons + ?, resurrecting_persons = resurrecting_persons + ?,
                    dormant_persons = dormant_persons + ?
                where grain = ? and channel = ? and period = ?""", cells);
        addVisitors("insight_visitor_weeks", "active_week", changes.visitorWeeks);
        addVisitors("insight_visitor_spans", "last_week", changes.visitorSpans);
    }

    private void addVisitors(String table, String column, Map<List<LocalDate>, Long> changes) {
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((key, visitors) -> {
            if (visitors != 0) {
                rows.add(new Object[] {visitors, key.get(0), key.get(1)});
            }
        });
        batches.batchUpdate("insert into " + table + " (first_week, " + column + ", visitors) values (?, ?, 0) "
                + "on conflict do nothing", rows.stream().map(r -> new Object[] {r[1], r[2]}).toList());
        batches.batchUpdate("update " + table + " set visitors = visitors + ? where first_week = ? and " + column
                + " = ?", rows);
    }
}
