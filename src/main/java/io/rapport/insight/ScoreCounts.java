package io.rapport.insight;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonValue;
import io.rapport.feedback.SurveyType;

/** How many responses gave each score: what every survey metric is computed from. */
public record ScoreCounts(@JsonValue SortedMap<Integer, Long> counts) {

    public ScoreCounts {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    public static ScoreCounts none() {
        return new ScoreCounts(new TreeMap<>());
    }

    /** The number of scored responses. */
    public long n() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * These counts read as responses to a survey of {@code type}: the feedback module's {@link
     * io.rapport.feedback.ScoreCounts} defines the bands (promoters, satisfied, easy) and the headline values that the
     * survey results and these metrics share.
     */
    public io.rapport.feedback.ScoreCounts of(SurveyType type) {
        return new io.rapport.feedback.ScoreCounts(type, counts);
    }

    public ScoreCounts plus(ScoreCounts other) {
        SortedMap<Integer, Long> sum = new TreeMap<>(counts);
        other.counts.forEach((score, count) -> sum.merge(score, count, Long::sum));
        return new ScoreCounts(sum);
    }

    static ScoreCounts of(Map<Integer, Long> counts) {
        return new ScoreCounts(new TreeMap<>(counts));
    }
}
