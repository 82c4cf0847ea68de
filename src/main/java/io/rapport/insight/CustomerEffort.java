package io.rapport.insight;

import io.rapport.feedback.SurveyType;
import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.Nullable;

/**
 * Customer effort score (CES 2.0, "… made it easy for me …") on 1–7: the mean answer with its Student-t 95%
 * interval, and the share of answers that agree (5 to 7) with its Wilson interval.
 */
public final class CustomerEffort {

    public static final String FORMULA = "CES = mean answer on 1–7 (t-interval); easy = 100 × responses scoring 5–7 "
            + "÷ responses";

    private CustomerEffort() {
    }

    /** The mean answer; its interval needs at least two answers that are not all the same. */
    public static @Nullable Estimate mean(ScoreCounts counts) {
        io.rapport.feedback.ScoreCounts answers = counts.of(SurveyType.CES);
        if (answers.mean().isEmpty()) {
            return null;
        }
        double mean = answers.mean().getAsDouble();
        long n = answers.total();
        if (n < 2) {
            return new Estimate(mean, null, null);
        }
        double squares = 0;
        for (var entry : counts.counts().entrySet()) {
            double deviation = entry.getKey() - mean;
            squares += deviation * deviation * entry.getValue();
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return Estimate.of(mean, mean - t * standardError, mean + t * standardError, 1, 7);
    }

    /** The share of answers from 5 to 7, in percent. */
    public static @Nullable Estimate easyShare(ScoreCounts counts) {
        return Proportion.percent(counts.of(SurveyType.CES).within(io.rapport.feedback.ScoreCounts.CES_EASY),
                counts.n());
    }
}
