package io.rapport.insight.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.insight.FunnelBreakdown;
import io.rapport.insight.FunnelQuery;
import io.rapport.insight.FunnelResult;
import io.rapport.insight.SavedFunnel;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A saved funnel's numbers from its kept paths: each entrant's path of a range is the row of their earliest entry day
 * in it (the one whose previous entry day is before the range), so a report is one aggregate over those rows, and the
 * percentiles are the database's {@code percentile_cont} (linear interpolation, Hyndman and Fan type 7).
 */
@Component
class FunnelPathReports {

    /** The rows of the entrants of the query's days, after {@code from … where}. */
    private static final String ENTRANTS = " from insight_funnel_paths where funnel_id = ? and entry_day >= ? "
            + "and entry_day <= ? and (previous_day is null or previous_day < ?)";

    private final JdbcClient jdbc;

    FunnelPathReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the funnel's paths are built, so they answer its reports. */
    boolean ready(SavedFunnel.Id funnel) {
        return jdbc.sql("select paths_ready from insight_funnels where id = ?").param(funnel.value())
                .query(Boolean.class).optional().orElse(false);
    }

    /** The counts of all entrants (under the key "") or, with a breakdown, of each group. */
    Map<String, FunnelCounts> counts(FunnelQuery query, SavedFunnel.Id funnel, @Nullable FunnelBreakdown breakdown) {
        int size = query.definition().steps().size();
        String group = breakdown == null ? "''" : switch (breakdown) {
            case CHANNEL -> "channel";
            case DEVICE -> "device";
            case CAMPAIGN -> "coalesce(campaign, '" + FunnelReports.NO_CAMPAIGN + "')";
        };
        StringBuilder sql = new StringBuilder("select " + group + " as group_key, count(*) as persons_1");
        for (int step = 2; step <= size; step++) {
            sql.append(", sum(case when reached >= ").append(step).append(" then 1 else 0 end) as persons_")
                    .append(step).append(percentiles(step - 1, step, "_" + step));
        }
        sql.append(percentiles(1, size, "_all")).append(ENTRANTS);
        if (breakdown != null) {
            sql.append(" group by ").append(group);
        }
        Map<String, FunnelCounts> counts = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params(query, funnel)).query(rs -> {
            long[] persons = new long[size];
            FunnelResult.TimeToConvert[] times = new FunnelResult.TimeToConvert[size];
            times[0] = new FunnelResult.TimeToConvert(null, null);
            for (int step = 1; step <= size; step++) {
                persons[step - 1] = rs.getLong("persons_" + step);
                if (step > 1) {
                    times[step - 1] = time(rs, "_" + step);
                }
            }
            if (persons[0] > 0) {
                counts.put(rs.getString("group_key"), new FunnelCounts(persons, times, time(rs, "_all")));
            }
        });
        return counts;
    }

    /** The entrants who reached {@code step} steps but not the next, after {@code after} in the database's order. */
    List<FunnelReports.Dropped> dropOff(FunnelQuery query, SavedFunnel.Id funnel, int step, int limit,
            @Nullable String after) {
        List<Object> params = new ArrayList<>(params(query, funnel));
        params.add(step);
        if (after != null) {
            params.add(after);
        }
        return jdbc.sql("select person, at_" + step + ENTRANTS + " and reached = ?" + (after == null ? ""
                        : " and person > ?") + " order by person limit " + limit)
                .params(params).query((rs, n) -> new FunnelReports.Dropped(rs.getString("person"),
                        FunnelPathRows.instant(rs.getLong("at_" + step)))).list();
    }

    private static List<Object> params(FunnelQuery query, SavedFunnel.Id funnel) {
        return List.of(funnel.value(), Date.valueOf(query.from()), Date.valueOf(query.to()), Date.valueOf(query.from()));
    }

    /** Median and 90th percentile of the seconds from step {@code from} to {@code to} (null unless both reached). */
    private static String percentiles(int from, int to, String suffix) {
        // Whole milliseconds apart, as the raw computation takes them.
        String seconds = "cast(at_" + to + " / 1000 - at_" + from + " / 1000 as double precision) / 1000";
        return ", percentile_cont(0.5) within group (order by " + seconds + ") as median" + suffix
                + ", percentile_cont(0.9) within group (order by " + seconds + ") as p90" + suffix;
    }

    private static FunnelResult.TimeToConvert time(ResultSet rs, String suffix) throws SQLException {
        return new FunnelResult.TimeToConvert(rounded(rs, "median" + suffix), rounded(rs, "p90" + suffix));
    }

    private static @Nullable Long rounded(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value);
    }
}
