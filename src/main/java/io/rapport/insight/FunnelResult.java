package io.rapport.insight;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A funnel's numbers: per step the persons who reached it, the conversion from the previous and the first step
 * (percent), and the time it took from the previous step; the time from the first to the last step; and, with a
 * breakdown, the same per group of entrants. {@code computedFrom} says whether a saved funnel's kept paths answered
 * ({@code paths}) or the raw events ({@code events}: a funnel that is not saved, or whose paths are still being built).
 */
public record FunnelResult(LocalDate from, LocalDate to, String window, @Nullable String breakdown,
        List<Step> steps, TimeToConvert timeToConvert, List<Group> groups, String computedFrom) {

    public static final String FROM_PATHS = "paths";
    public static final String FROM_EVENTS = "events";

    /**
     * One step: {@code persons} who reached it; {@code fromPrevious} and {@code fromFirst} in percent (null with
     * nobody to convert); the time from the previous step among those who reached this one (null for the first).
     */
    public record Step(int step, String label, long persons, @Nullable Double fromPrevious, @Nullable Double fromFirst,
            TimeToConvert time) {
    }

    /** The median and 90th percentile of a time to convert, in seconds; null when nobody converted. */
    public record TimeToConvert(@Nullable Long medianSeconds, @Nullable Long p90Seconds) {
    }

    /** The entrants of one channel, device type or campaign (the one of their first step) and how they converted. */
    public record Group(String key, List<Step> steps, TimeToConvert timeToConvert) {
    }
}
