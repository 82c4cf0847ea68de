package io.rapport.feedback.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.rapport.feedback.CaseStats;
import io.rapport.feedback.FollowUpCases;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Time to first contact and time to close: median and 90th percentile by nearest rank (the smallest time that at
 * least that share of cases took no longer than), over a span and per period. A case counts in the period of its
 * first contact (for the time to first contact) and of its resolution (for the time to close).
 */
@Component
class CaseStatistics {

    private final CaseStore cases;

    CaseStatistics(CaseStore cases) {
        this.cases = cases;
    }

    CaseStats stats(Instant from, Instant to, FollowUpCases.StatsPeriod period) {
        if (!to.isAfter(from)) {
            throw ApiProblem.invalidField("to", "to must come after from.");
        }
        if (Duration.between(from, to).toDays() > FollowUpCases.MAX_STATS_DAYS) {
            throw ApiProblem.invalidField("to", "Ask for at most " + FollowUpCases.MAX_STATS_DAYS + " days at once.");
        }
        Map<LocalDate, Bucket> periods = new TreeMap<>();
        for (LocalDate start = start(LocalDate.ofInstant(from, ZoneOffset.UTC), period);
                start.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to); start = next(start, period)) {
            periods.put(start, new Bucket());
        }
        Bucket all = new Bucket();
        for (CaseStore.Times times : cases.times(from, to)) {
            if (within(times.openedAt(), from, to)) {
                all.opened++;
                bucket(periods, times.openedAt(), period).opened++;
            }
            if (times.contactedAt() != null && within(times.contactedAt(), from, to)) {
                long seconds = Duration.between(times.openedAt(), times.contactedAt()).toSeconds();
                all.toContact.add(seconds);
                bucket(periods, times.contactedAt(), period).toContact.add(seconds);
            }
            if (times.resolvedAt() != null && within(times.resolvedAt(), from, to)) {
                long seconds = Duration.between(times.openedAt(), times.resolvedAt()).toSeconds();
                all.toClose.add(seconds);
                bucket(periods, times.resolvedAt(), period).toClose.add(seconds);
            }
        }
        long[] open = cases.openAndOverdue();
        List<CaseStats.Period> perPeriod = new ArrayList<>();
        periods.forEach((start, bucket) -> perPeriod.add(new CaseStats.Period(start, bucket.opened,
                times(bucket.toContact), times(bucket.toClose))));
        return new CaseStats(from, to, period.name().toLowerCase(Locale.ROOT), all.opened, times(all.toContact),
                times(all.toClose), open[0], open[1], perPeriod);
    }

    private static final class Bucket {
        long opened;
        final List<Long> toContact = new ArrayList<>();
        final List<Long> toClose = new ArrayList<>();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static Bucket bucket(Map<LocalDate, Bucket> periods, Instant at, FollowUpCases.StatsPeriod period) {
        return periods.computeIfAbsent(start(LocalDate.ofInstant(at, ZoneOffset.UTC), period), d -> new Bucket());
    }

    private static LocalDate start(LocalDate day, FollowUpCases.StatsPeriod period) {
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    private static LocalDate next(LocalDate start, FollowUpCases.StatsPeriod period) {
        return switch (period) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plus(1, ChronoUnit.MONTHS);
        };
    }

    static CaseStats.Times times(List<Long> seconds) {
        List<Long> sorted = seconds.stream().sorted().toList();
        return new CaseStats.Times(sorted.size(), nearestRank(sorted, 50), nearestRank(sorted, 90));
    }

    /** The value at rank ⌈p/100 · n⌉ of the sorted values (Hyndman and Fan's definition 1, without interpolation). */
    static @Nullable Long nearestRank(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
