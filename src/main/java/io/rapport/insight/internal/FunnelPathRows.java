package io.rapport.insight.internal;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.SavedFunnel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes saved funnels' day paths ({@code insight_funnel_paths}, one row per funnel, person and entry day). */
@Component
class FunnelPathRows {

    private final JdbcTemplate jdbc;

    FunnelPathRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds paths of persons who have none yet, with their previous-day links as given. */
    void insert(SavedFunnel.Id funnel, List<FunnelDayPaths.DayPath> paths) {
        List<Object[]> rows = new ArrayList<>();
        for (FunnelDayPaths.DayPath day : paths) {
            FunnelPath path = day.path();
            FunnelRow entry = path.entry();
            Object[] row = new Object[8 + FunnelDefinition.MAX_STEPS];
            row[0] = funnel.value();
            row[1] = day.person();
            row[2] = Date.valueOf(day.day());
            row[3] = day.previousDay() == null ? null : Date.valueOf(day.previousDay());
            row[4] = path.reached();
            row[5] = entry.channel();
            row[6] = entry.device();
            row[7] = entry.campaign();
            for (int step = 0; step < path.reached(); step++) {
                row[8 + step] = micros(path.at(step));
            }
            rows.add(row);
        }
        jdbc.batchUpdate("""
                insert into insight_funnel_paths (funnel_id, person, entry_day, previous_day, reached, channel, device,
                    campaign, at_1, at_2, at_3, at_4, at_5, at_6, at_7, at_8, at_9, at_10)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** A person's entry days whose paths were computed again, and the paths they now have. */
    record Recomputed(String person, LocalDate first, LocalDate last, List<FunnelDayPaths.DayPath> paths) {
    }

    /**
     * Replaces each person's paths of the days {@code first} to {@code last} with the recomputed ones, then links the
     * rows of those days and the first row after them to the entry day before each.
     */
    void replace(SavedFunnel.Id funnel, List<Recomputed> persons) {
        jdbc.batchUpdate("""
                delete from insight_funnel_paths where funnel_id = ? and person = ? and entry_day >= ?
                    and entry_day <= ?""", persons.stream().map(p -> new Object[] {funnel.value(), p.person(),
                Date.valueOf(p.first()), Date.valueOf(p.last())}).toList());
        insert(funnel, persons.stream().flatMap(p -> p.paths().stream()).toList());
        jdbc.batchUpdate("""
                update insight_funnel_paths p set previous_day = (select max(q.entry_day) from insight_funnel_paths q
                    where q.funnel_id = p.funnel_id and q.person = p.person and q.entry_day < p.entry_day)
                where p.funnel_id = ? and p.person = ? and p.entry_day >= ? and p.entry_day <= coalesce(
                    (select min(r.entry_day) from insight_funnel_paths r where r.funnel_id = ? and r.person = ?
                        and r.entry_day > ?), ?)""", persons.stream().map(p -> new Object[] {funnel.value(), p.person(),
                Date.valueOf(p.first()), funnel.value(), p.person(), Date.valueOf(p.last()), Date.valueOf(p.last())})
                .toList());
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
