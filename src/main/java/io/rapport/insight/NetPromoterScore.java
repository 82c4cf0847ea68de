package io.rapport.insight;

import io.rapport.feedback.SurveyType;
import org.jspecify.annotations.Nullable;

/**
 * Net Promoter Score on 0–10: % promoters (9–10) − % detractors (0–6), from −100 to 100 (Reichheld 2003).
 * <p>
 * 95% interval: the adjusted Wald interval of Rocks (2016, "Interval Estimation for the 'Net Promoter Score'",
 * The American Statistician 70(4)): add ¾ of a promoter and ¾ of a detractor and 3 to n, then take the variance of a
 * difference of two proportions of one multinomial sample, (p₉₋₁₀ + p₀₋₆ − (p₉₋₁₀ − p₀₋₆)²) / n. Unlike the plain
 * Wald interval it keeps its coverage near 95% for small samples and scores near ±100.
 */
public final class NetPromoterScore {

    public static final String FORMULA = "NPS = 100 × (promoters (9–10) − detractors (0–6)) ÷ responses";

    private NetPromoterScore() {
    }

    public static @Nullable Estimate of(ScoreCounts counts) {
        io.rapport.feedback.ScoreCounts answers = counts.of(SurveyType.NPS);
        if (answers.nps().isEmpty()) {
            return null;
        }
        double value = answers.nps().getAsDouble();
        long n = answers.total();
        long promoters = answers.within(io.rapport.feedback.ScoreCounts.NPS_PROMOTERS);
        long detractors = answers.within(io.rapport.feedback.ScoreCounts.NPS_DETRACTORS);
        double adjustedN = n + 3.0;
        double p = (promoters + 0.75) / adjustedN;
        double d = (detractors + 0.75) / adjustedN;
        double centre = p - d;
        double half = Estimate.Z95 * Math.sqrt((p + d - centre * centre) / adjustedN);
        return Estimate.of(value, 100 * (centre - half), 100 * (centre + half), -100, 100);
    }
}
