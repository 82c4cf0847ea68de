package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One customer's purchases as days (UTC) with the value bought on each, in order: several orders on one day are one
 * purchase, as in the BG/NBD paper's CDNOW data, where "frequency" counts repeat purchase days.
 */
record PurchaseDays(List<Day> days) {

    static final double DAYS_PER_WEEK = 7;

    /** A day with purchases and their summed value. */
    record Day(LocalDate date, double value) {
    }

    PurchaseDays {
        days = List.copyOf(days);
        for (int i = 1; i < days.size(); i++) {
            if (!days.get(i).date().isAfter(days.get(i - 1).date())) {
                throw new IllegalArgumentException("Purchase days must be distinct and in order: " + days);
            }
        }
    }

    /**
     * The calibration summary at the end of day {@code end} (included), in weeks; empty when the first purchase is
     * after it. T counts whole days from the first purchase to {@code end}, as the CDNOW summaries do (a customer
     * whose first purchase is on 1997-01-01 has T = 272/7 = 38.86 weeks at 1997-09-30).
     */
    Optional<RepeatBuyer> summaryAt(LocalDate end) {
        if (days.isEmpty() || days.getFirst().date().isAfter(end)) {
            return Optional.empty();
        }
        LocalDate first = days.getFirst().date();
        int repeats = 0;
        double repeatValue = 0;
        LocalDate last = first;
        for (Day day : days.subList(1, days.size())) {
            if (day.date().isAfter(end)) {
                break;
            }
            repeats++;
            repeatValue += day.value();
            last = day.date();
        }
        return Optional.of(new RepeatBuyer(repeats, weeks(first, last), weeks(first, end),
                repeats == 0 ? 0 : repeatValue / repeats));
    }

    /** Purchase days after {@code end} up to {@code holdOutEnd} (included). */
    int purchasesBetween(LocalDate end, LocalDate holdOutEnd) {
        int count = 0;
        for (Day day : days) {
            if (day.date().isAfter(end) && !day.date().isAfter(holdOutEnd)) {
                count++;
            }
        }
        return count;
    }

    /** The last purchase day up to {@code day} (included); empty when the first purchase is after it. */
    Optional<LocalDate> lastOnOrBefore(LocalDate day) {
        int low = 0;
        int high = days.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (days.get(middle).date().isAfter(day)) {
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        return high < 0 ? Optional.empty() : Optional.of(days.get(high).date());
    }

    /** Days between consecutive purchase days up to {@code end} (included). */
    void gapsUntil(LocalDate end, IntConsumer gaps) {
        for (int i = 1; i < days.size() && !days.get(i).date().isAfter(end); i++) {
            gaps.accept((int) ChronoUnit.DAYS.between(days.get(i - 1).date(), days.get(i).date()));
        }
    }

    static double weeks(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_WEEK;
    }
}
