package io.rapport.insight;

import org.jspecify.annotations.Nullable;

/**
 * A share in percent with the Wilson score interval (Wilson 1927; recommended over the Wald interval by Brown, Cai
 * and DasGupta 2001, "Interval Estimation for a Binomial Proportion", Statistical Science 16(2)).
 */
final class Proportion {

    private Proportion() {
    }

    static @Nullable Estimate percent(long hits, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) hits / n;
        double z2 = Estimate.Z95 * Estimate.Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Estimate.Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Estimate.of(100 * p, 100 * (centre - half), 100 * (centre + half), 0, 100);
    }
}
