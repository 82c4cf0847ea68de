package io.rapport.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How quickly cases are followed up, over {@code [from, to)} and per period (UTC day, ISO week from Monday, or
 * month): cases opened, first contacts and resolutions in it, and the median and 90th percentile of the time to
 * first contact and to close of the cases first contacted or resolved in it.
 *
 * @param openNow cases not resolved now
 * @param overdueNow cases not resolved and past their due time now
 */
public record CaseStats(Instant from, Instant to, String period, long opened, Times timeToFirstContact,
        Times timeToClose, long openNow, long overdueNow, List<Period> periods) {

    /**
     * Times in seconds, by nearest rank (every figure is one case's actual time).
     *
     * @param cases how many cases the figures are taken over
     */
    public record Times(long cases, @Nullable Long medianSeconds, @Nullable Long p90Seconds) {
    }

    public record Period(LocalDate start, long opened, Times timeToFirstContact, Times timeToClose) {
    }
}
