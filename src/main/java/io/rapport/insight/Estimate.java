package io.rapport.insight;

import org.jspecify.annotations.Nullable;

/**
 * A metric's value with its 95% confidence interval; the interval is absent when the sample is too small to give
 * one (a mean of one answer).
 */
public record Estimate(double value, @Nullable Double low, @Nullable Double high) {

    /** The two-sided 95% normal quantile. */
    static final double Z95 = 1.959963984540054;

    static Estimate of(double value, double low, double high, double min, double max) {
        return new Estimate(value, Math.max(min, low), Math.min(max, high));
    }
}
