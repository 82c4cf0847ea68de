package io.rapport.feedback;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * How many responses gave each score of a survey's scale, and the survey type's headline metric computed from them.
 * Written once here; docs/surveys.md ("How scores are computed") gives the formulas.
 *
 * @param byScore responses per score; scores nobody gave may be left out
 */
public record ScoreCounts(SurveyType type, Map<Integer, Long> byScore) {

    /** NPS detractors score 0–6, passives 7–8, promoters 9–10 (Reichheld, "The One Number You Need to Grow", 2003). */
    public static final ScoreRange NPS_DETRACTORS = new ScoreRange(0, 6);
    public static final ScoreRange NPS_PASSIVES = new ScoreRange(7, 8);
    public static final ScoreRange NPS_PROMOTERS = new ScoreRange(9, 10);
    /** Satisfied CSAT answers: 4 (satisfied) and 5 (very satisfied) of 5. */
    public static final ScoreRange CSAT_SATISFIED = new ScoreRange(4, 5);
    /** CES answers that agree the shop made it easy: 5 (somewhat agree) to 7 of 7 (Gartner CES 2.0). */
    public static final ScoreRange CES_EASY = new ScoreRange(5, 7);

    public ScoreCounts {
        byScore = Collections.unmodifiableMap(new TreeMap<>(byScore));
    }

    public static ScoreCounts none(SurveyType type) {
        return new ScoreCounts(type, Map.of());
    }

    /** These counts and {@code other}'s together (e.g. the days of a week). */
    public ScoreCounts plus(ScoreCounts other) {
        Map<Integer, Long> sum = new TreeMap<>(byScore);
        other.byScore.forEach((score, n) -> sum.merge(score, n, Long::sum));
        return new ScoreCounts(type, sum);
    }

    public long total() {
        return byScore.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Responses whose score is in {@code range}. */
    public long within(ScoreRange range) {
        return byScore.entrySet().stream().filter(e -> range.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** The share of responses in {@code range}, in percent; empty without responses. */
    public OptionalDouble percentWithin(ScoreRange range) {
        long total = total();
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * within(range) / total);
    }

    /** The mean score; empty without responses. */
    public OptionalDouble mean() {
        long total = total();
        if (total == 0) {
            return OptionalDouble.empty();
        }
        double sum = byScore.entrySet().stream().mapToDouble(e -> (double) e.getKey() * e.getValue()).sum();
        return OptionalDouble.of(sum / total);
    }

    /** Net Promoter Score: % promoters − % detractors, from −100 to 100; empty without responses. */
    public OptionalDouble nps() {
        long total = total();
        return total == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * (within(NPS_PROMOTERS) - within(NPS_DETRACTORS)) / total);
    }

    /**
     * The type's headline: NPS for NPS surveys, the percentage of satisfied answers for CSAT, the mean score for CES
     * and custom surveys; empty without responses.
     */
    public OptionalDouble headline() {
        return switch (type) {
            case NPS -> nps();
            case CSAT -> percentWithin(CSAT_SATISFIED);
            case CES, CUSTOM -> mean();
        };
    }
}
