package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import io.rapport.customer.Channel;
import io.rapport.insight.MetricGrouping;

/**
 * How the activity roll-ups change when persons' active periods change. Every count is a sum over persons of what
 * their set of active periods contributes (active in p; new, returning or resurrecting in p; dormant in the period
 * after their last in a run; their visitor cohort cells), so a change is what the sets contribute now less what they
 * contributed before. The counts therefore depend on the sets alone, never on the order in which periods arrive: an
 * import of older history after live data reclassifies the later periods it touches.
 */
final class ActivityChanges {

    /** The channel that stands for every channel: a person active anywhere. */
    static final String ALL = "all";
    static final List<MetricGrouping> GRAINS = List.of(MetricGrouping.DAY, MetricGrouping.WEEK, MetricGrouping.MONTH);

    static final int ACTIVE = 0;
    static final int NEW = 1;
    static final int RETURNING = 2;
    static final int RESURRECTING = 3;
    static final int DORMANT = 4;

    /** One person's active periods of one grain in one channel ({@link #ALL} or a channel's wire name). */
    record Series(String person, String channel, MetricGrouping grain) {
    }

    /** A period in which a person was active. */
    record Period(Series series, LocalDate start) {
    }

    /** A row of the roll-up: one grain, channel and period. */
    record Cell(MetricGrouping grain, String channel, LocalDate period) {
    }

    /** Per cell: active, new, returning, resurrecting, dormant (the indexes above). */
    final Map<Cell, long[]> periods = new HashMap<>();
    /** Per [first week, active week]: visitors. */
    final Map<List<LocalDate>, Long> visitorWeeks = new HashMap<>();
    /** Per [first week, last week]: visitors. */
    final Map<List<LocalDate>, Long> visitorSpans = new HashMap<>();

    private ActivityChanges() {
    }

    static String channel(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    /** The periods a touchpoint on {@code day} in {@code channel} makes its person active in. */
    static List<Period> periodsOf(String person, Channel channel, LocalDate day) {
        List<Period> periods = new ArrayList<>(6);
        for (MetricGrouping grain : GRAINS) {
            LocalDate start = grain.periodOf(day);
            periods.add(new Period(new Series(person, ALL, grain), start));
            periods.add(new Period(new Series(person, channel(channel), grain), start));
        }
        return periods;
    }

    /**
     * The changes when {@code added} periods join the {@code stored} ones. For weeks and months {@code stored} must hold
     * each touched series whole (lifecycle looks at neighbours and the first period); for days, which count only as
     * active, the stored days the added ones could repeat are enough.
     */
    static ActivityChanges adding(Map<Series, NavigableSet<LocalDate>> stored, Collection<Period> added) {
        Map<Series, NavigableSet<LocalDate>> before = new HashMap<>();
        Map<Series, NavigableSet<LocalDate>> after = new HashMap<>();
        for (Period period : added) {
            NavigableSet<LocalDate> was = stored.getOrDefault(period.series(), new TreeSet<>());
            before.putIfAbsent(period.series(), was);
            after.computeIfAbsent(period.series(), s -> new TreeSet<>(was)).add(period.start());
        }
        return between(before, after);
    }

    /** The periods of {@code added} that {@code stored} does not hold yet: the rows to insert. */
    static Set<Period> unstored(Map<Series, NavigableSet<LocalDate>> stored, Collection<Period> added) {
        Set<Period> rows = new LinkedHashSet<>();
        for (Period period : added) {
            if (!stored.getOrDefault(period.series(), new TreeSet<>()).contains(period.start())) {
                rows.add(period);
            }
        }
        return rows;
    }

    /** The changes from the series as they stood to as they stand; a series missing on one side is empty there. */
    static ActivityChanges between(Map<Series, NavigableSet<LocalDate>> before,
            Map<Series, NavigableSet<LocalDate>> after) {
        ActivityChanges changes = new ActivityChanges();
        before.forEach((series, periods) -> changes.contribute(series, periods, -1));
        after.forEach((series, periods) -> changes.contribute(series, periods, 1));
        return changes;
    }

    private void contribute(Series series, NavigableSet<LocalDate> starts, int sign) {
        MetricGrouping grain = series.grain();
        for (LocalDate start : starts) {
            add(grain, series.channel(), start, ACTIVE, sign);
            if (grain == MetricGrouping.DAY) {
                continue;
            }
            LocalDate previous = grain.periodOf(start.minusDays(1));
            int state = start.equals(starts.first()) ? NEW : starts.contains(previous) ? RETURNING : RESURRECTING;
            add(grain, series.channel(), start, state, sign);
            LocalDate next = grain.next(start);
            if (!starts.contains(next)) {
                add(grain, series.channel(), next, DORMANT, sign);
            }
        }
        if (grain == MetricGrouping.WEEK && series.channel().equals(ALL) && !starts.isEmpty()) {
            for (LocalDate week : starts) {
                visitorWeeks.merge(List.of(starts.first(), week), (long) sign, Long::sum);
            }
            visitorSpans.merge(List.of(starts.first(), starts.last()), (long) sign, Long::sum);
        }
    }

    private void add(MetricGrouping grain, String channel, LocalDate period, int count, int sign) {
        periods.computeIfAbsent(new Cell(grain, channel, period), c -> new long[5])[count] += sign;
    }
}
