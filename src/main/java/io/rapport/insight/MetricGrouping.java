package io.rapport.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a metric's series is cut: per UTC day, ISO week (from Monday), month, survey or channel. */
public enum MetricGrouping {
    DAY, WEEK, MONTH, SURVEY, CHANNEL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MetricGrouping> fromWire(String text) {
        return Arrays.stream(values()).filter(g -> g.wire().equalsIgnoreCase(text.strip())).findFirst();
    }

    boolean byTime() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    /** The first day of the period a day falls in. */
    public LocalDate periodOf(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    public LocalDate next(LocalDate period) {
        return switch (this) {
            case WEEK -> period.plusWeeks(1);
            case MONTH -> period.plusMonths(1);
            default -> period.plusDays(1);
        };
    }
}
