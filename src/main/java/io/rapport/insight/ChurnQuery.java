package io.rapport.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * What churn to compute: UTC days {@code from} to {@code to} (both included) cut per week or month. In model mode a
 * customer is churned when P(alive) is below {@code threshold}; in simple mode when they have not purchased for more
 * than {@code windowDays} days, or (null) for more than the {@code percentile}-th percentile of the shop's gaps
 * between consecutive purchases.
 */
public record ChurnQuery(ChurnMode mode, double threshold, double percentile, @Nullable Integer windowDays,
        LocalDate from, LocalDate to, MetricGrouping groupBy) {

    public static final int MAX_WINDOW_DAYS = 3_660;
    /** The most periods of a series: simple mode reads purchase days only, model mode fits BG/NBD once a period. */
    public static final int MAX_PERIODS = 160;
    public static final int MAX_MODEL_PERIODS = 36;
    public static final int DEFAULT_MONTHS = 12;

    public ChurnQuery {
        if (!(threshold > 0 && threshold < 1)) {
            throw ApiProblem.invalidField("threshold", "threshold is a probability between 0 and 1, both excluded.");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw ApiProblem.invalidField("percentile", "percentile must be above 0 and at most 100.");
        }
        if (windowDays != null && (windowDays < 1 || windowDays > MAX_WINDOW_DAYS)) {
            throw ApiProblem.invalidField("window", "window is a number of days from 1 to " + MAX_WINDOW_DAYS + ".");
        }
        if (groupBy != MetricGrouping.WEEK && groupBy != MetricGrouping.MONTH) {
            throw ApiProblem.invalidField("groupBy", "groupBy must be week or month.");
        }
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "The last day (" + to + ") is before the first (" + from + ").");
        }
        long periods = (groupBy == MetricGrouping.WEEK ? ChronoUnit.WEEKS : ChronoUnit.MONTHS)
                .between(groupBy.periodOf(from), groupBy.periodOf(to)) + 1;
        int limit = mode == ChurnMode.MODEL ? MAX_MODEL_PERIODS : MAX_PERIODS;
        if (periods > limit) {
            throw ApiProblem.invalidField("from", "A " + mode.wire() + "-mode series has at most " + limit
                    + " periods; this one asks for " + periods + " " + groupBy.wire() + "s.");
        }
    }

    /** A period of the series: its key (first day; weeks from Monday) and its days within the query. */
    public record PeriodDays(LocalDate key, LocalDate start, LocalDate end) {
    }

    /** Every period from {@code from} to {@code to}, the first and last cut to the query's days. */
    public List<PeriodDays> periods() {
        List<PeriodDays> periods = new ArrayList<>();
        for (LocalDate key = groupBy.periodOf(from); !key.isAfter(to); key = groupBy.next(key)) {
            LocalDate end = groupBy.next(key).minusDays(1);
            periods.add(new PeriodDays(key, key.isBefore(from) ? from : key, end.isAfter(to) ? to : end));
        }
        return periods;
    }

    /** The period whose key is {@code key}, else a problem naming {@code field}. */
    public PeriodDays period(String field, LocalDate key) {
        return periods().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow(() ->
                ApiProblem.invalidField(field, key + " is not the first day of a " + groupBy.wire() + " from " + from
                        + " to " + to + (groupBy == MetricGrouping.WEEK ? " (weeks start on Monday)." : ".")));
    }

    /**
     * The query from its parameters as a person or an HTTP request gives them (texts; blank: the default): simple
     * mode, threshold 0.5, percentile 90, the window from the percentile, the 12 months up to today per month.
     */
    public static ChurnQuery of(@Nullable String mode, @Nullable String threshold, @Nullable String percentile,
            @Nullable String window, @Nullable String from, @Nullable String to, @Nullable String groupBy,
            Clock clock) {
        ChurnMode chosen = blank(mode) ? ChurnMode.SIMPLE : ChurnMode.fromWire(mode).orElseThrow(() ->
                ApiProblem.invalidField("mode", "mode must be model or simple."));
        MetricGrouping grouping = blank(groupBy) ? MetricGrouping.MONTH : MetricGrouping.fromWire(groupBy)
                .orElseThrow(() -> ApiProblem.invalidField("groupBy", "groupBy must be week or month."));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = MetricDays.day("to", to);
        if (last == null) {
            last = today;
        } else if (last.isAfter(today)) {
            throw ApiProblem.invalidField("to", "The last day (" + last + ") is after today (" + today
                    + "): churn is known only for days that have passed.");
        }
        LocalDate first = MetricDays.day("from", from);
        Integer windowDays = null;
        if (!blank(window)) {
            double days = ClvQuery.number("window", window, 0);
            if (days != Math.rint(days)) {
                throw ApiProblem.invalidField("window", "window is a whole number of days.");
            }
            windowDays = (int) Math.max(0, Math.min(days, MAX_WINDOW_DAYS + 1));
        }
        return new ChurnQuery(chosen, ClvQuery.number("threshold", threshold, 0.5),
                ClvQuery.number("percentile", percentile, 90), windowDays, first == null ? last.minusMonths(DEFAULT_MONTHS).plusDays(1) : first, last, grouping);
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
