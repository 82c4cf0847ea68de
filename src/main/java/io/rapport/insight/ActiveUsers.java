package io.rapport.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rapport.customer.Channel;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Active users (DAU, WAU, MAU), stickiness and lifecycle, overall or in one channel, read from the roll-ups that the
 * {@code insight.activity} consumer keeps (docs/metrics.md, "Active users and lifecycle"); and the persons behind a
 * point, from their active periods.
 */
@Service
public class ActiveUsers {

    /** The most points of a series cut per day (a report covers at most {@link SurveyMetrics#MAX_DAYS} days). */
    public static final int MAX_DAY_POINTS = SurveyMetrics.MAX_DAY_POINTS;
    /** The most persons a drill-down lists. */
    public static final int MAX_PERSONS = 1_000;

    private static final String ALL = "all";

    private final JdbcClient jdbc;
    private final Clock clock;

    ActiveUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whom a lifecycle count stands for in a period; dormant persons were active the period before, not in it. */
    public enum State {
        ACTIVE, NEW, RETURNING, RESURRECTING, DORMANT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A period (its first day and last day, the latter within the report) and its active persons. */
    public record Point(String key, String end, long active) {
    }

    /**
     * One month's stickiness: the mean of its daily active persons over its {@code days} (up to today for this month)
     * ÷ its monthly active persons, in percent; no value without active persons.
     */
    public record Stickiness(YearMonth month, int days, double meanDailyActive, long monthlyActive,
            @Nullable Double value) {
    }

    public record Report(LocalDate from, LocalDate to, MetricGrouping groupBy, @Nullable String channel,
            List<Point> series, List<Stickiness> stickiness) {
    }

    /** One period's lifecycle: dormant persons as a negative number, as lifecycle charts draw them. */
    public record LifecyclePoint(String key, long active, @JsonProperty("new") long newPersons, long returning,
            long resurrecting, long dormant) {
    }

    public record Lifecycle(LocalDate from, LocalDate to, MetricGrouping period, @Nullable String channel,
            List<LifecyclePoint> series) {
    }

    /** A channel as a request names it (web, app, store, phone, chat, email, social, other); null for every channel. */
    public static @Nullable Channel channel(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(Channel.values()).filter(c -> c.name().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("channel", "channel must be one of web, app, store, phone, "
                        + "chat, email, social, other; '" + text + "' is none of them."));
    }

    /** Active persons per day, week or month of {@code from} to {@code to}, and the stickiness of their months. */
    public Report report(LocalDate from, LocalDate to, MetricGrouping groupBy, @Nullable Channel channel) {
        long days = SurveyMetrics.checkedDays(from, to);
        if (groupBy == MetricGrouping.DAY && days > MAX_DAY_POINTS) {
            throw ApiProblem.invalidField("groupBy", "A series per day covers at most " + MAX_DAY_POINTS
                    + " days; group by week or month for " + days + " days.");
        }
        List<Point> series = new ArrayList<>();
        counts(groupBy, channel, from, to).forEach((start, row) -> series.add(new Point(start.toString(),
                end(groupBy, start, to).toString(), row[0])));
        return new Report(from, to, groupBy, wire(channel), series, stickiness(from, to, channel));
    }

    /** New, returning, resurrecting and dormant persons per week or month of {@code from} to {@code to}. */
    public Lifecycle lifecycle(LocalDate from, LocalDate to, MetricGrouping period, @Nullable Channel channel) {
        SurveyMetrics.checkedDays(from, to);
        if (period != MetricGrouping.WEEK && period != MetricGrouping.MONTH) {
            throw ApiProblem.invalidField("period", "period must be week or month.");
        }
        List<LifecyclePoint> series = new ArrayList<>();
        counts(period, channel, from, to).forEach((start, row) -> series.add(new LifecyclePoint(start.toString(),
                row[0], row[1], row[2], row[3], -row[4])));
        return new Lifecycle(from, to, period, wire(channel), series);
    }

    /**
     * The persons behind one lifecycle count (or the active persons) of the period that starts on {@code period}, at
     * most {@code limit}, in order of their identifiers (encoded, as {@code user:…} or {@code anon:…}).
     */
    public List<String> personsBehind(MetricGrouping grain, LocalDate period, @Nullable Channel channel, State state,
            int limit) {
        if (limit < 1 || limit > MAX_PERSONS) {
            throw ApiProblem.invalidField("limit", "limit must be 1–" + MAX_PERSONS + ".");
        }
        if (grain == MetricGrouping.DAY && state != State.ACTIVE) {
            throw ApiProblem.invalidField("state", "Days have active persons only; lifecycle is per week or month.");
        }
        LocalDate start = grain.periodOf(period);
        LocalDate previous = grain.periodOf(start.minusDays(1));
        String condition = switch (state) {
            case ACTIVE -> "";
            case NEW -> "and not exists (" + PersonPeriods.SAME_SERIES + " and b.period < :at)";
            case RETURNING -> "and exists (" + PersonPeriods.SAME_SERIES + " and b.period = :previous)";
            case RESURRECTING -> "and not exists (" + PersonPeriods.SAME_SERIES + " and b.period = :previous) "
                    + "and exists (" + PersonPeriods.SAME_SERIES + " and b.period < :previous)";
            case DORMANT -> "and not exists (" + PersonPeriods.SAME_SERIES + " and b.period = :next)";
        };
        Map<String, Object> params = new HashMap<>();
        params.put("at", state == State.DORMANT ? previous : start);
        params.put("previous", previous);
        params.put("next", start);
        return PersonPeriods.persons(jdbc, grain, key(channel), condition, params, limit);
    }

    /** Per period of the grain from {@code from} to {@code to}: active, new, returning, resurrecting, dormant. */
    private Map<LocalDate, long[]> counts(MetricGrouping grain, @Nullable Channel channel, LocalDate from,
            LocalDate to) {
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate start = grain.periodOf(from); !start.isAfter(to); start = grain.next(start)) {
            counts.put(start, new long[5]);
        }
        jdbc.sql("""
                select period, active, new_persons, returning_persons, resurrecting_persons, dormant_persons
                from insight_active_periods where grain = ? and channel = ? and period between ? and ?""")
                .params(grain.wire(), key(channel), grain.periodOf(from), to)
                .query(rs -> {
                    long[] row = counts.get(rs.getObject("period", LocalDate.class));
                    if (row != null) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getLong(i + 2);
                        }
                    }
                });
        return counts;
    }

    private List<Stickiness> stickiness(LocalDate from, LocalDate to, @Nullable Channel channel) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = from.withDayOfMonth(1);
        LocalDate last = YearMonth.from(to).atEndOfMonth();
        Map<LocalDate, long[]> months = counts(MetricGrouping.MONTH, channel, first, last);
        Map<LocalDate, long[]> days = counts(MetricGrouping.DAY, channel, first, last.isAfter(today) ? today : last);
        List<Stickiness> stickiness = new ArrayList<>();
        months.forEach((month, row) -> {
            LocalDate end = YearMonth.from(month).atEndOfMonth();
            int counted = (int) ChronoUnit.DAYS.between(month, end.isAfter(today) ? today : end) + 1;
            if (counted <= 0) {
                return;
            }
            long sum = 0;
            for (LocalDate day = month; !day.isAfter(end); day = day.plusDays(1)) {
                long[] daily = days.get(day);
                sum += daily == null ? 0 : daily[0];
            }
            double mean = (double) sum / counted;
            stickiness.add(new Stickiness(YearMonth.from(month), counted, Math.round(mean * 100) / 100.0, row[0],
                    row[0] == 0 ? null : Math.round(10_000.0 * mean / row[0]) / 100.0));
        });
        return stickiness;
    }

    private static LocalDate end(MetricGrouping grain, LocalDate start, LocalDate to) {
        LocalDate end = grain.next(start).minusDays(1);
        return end.isAfter(to) ? to : end;
    }

    /** The channel column of the roll-ups: the channel, or {@code all}. */
    private static String key(@Nullable Channel channel) {
        String wire = wire(channel);
        return wire == null ? ALL : wire;
    }

    private static @Nullable String wire(@Nullable Channel channel) {
        return channel == null ? null : channel.name().toLowerCase(Locale.ROOT);
    }
}
