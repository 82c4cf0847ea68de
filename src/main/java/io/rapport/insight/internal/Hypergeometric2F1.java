package io.rapport.insight.internal;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z), as its logarithm, for a, b, c &gt; 0 and 0 ≤ z &lt; 1 (the
 * domain the BG/NBD conditional expectation needs; there every term of the series is positive).
 *
 * <p>The power series converges for |z| &lt; 1, with terms falling like k^(a+b−c−1)·z^k. When c − a − b &lt; 0
 * (a customer with many purchases) that tail is slow near z = 1, so Euler's transformation
 * 2F1(a,b;c;z) = (1−z)^(c−a−b)·2F1(c−a, c−b; c; z) is summed instead, whose terms fall like k^(c−a−b−1)·z^k
 * (Abramowitz &amp; Stegun 15.3.3). The logarithm keeps the large factor (1−z)^(c−a−b) from overflowing.
 */
final class Hypergeometric2F1 {

    /** Terms summed at most before giving up (2F1(0.5, 1.5; 2.2; 0.999), a slow tail, needs 21,045). */
    static final int MAX_TERMS = 200_000;

    private static final double RELATIVE_TOLERANCE = 1e-15;

    private Hypergeometric2F1() {
    }

    /** ln 2F1(a, b; c; z); throws {@link ArithmeticException} outside the domain or without convergence. */
    static double log(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
            throw new ArithmeticException("2F1 is only computed for a, b, c > 0 and 0 <= z < 1, not a=" + a + ", b="
                    + b + ", c=" + c + ", z=" + z);
        }
        if (c - a - b < 0) {
            return (c - a - b) * Math.log1p(-z) + Math.log(series(c - a, c - b, c, z));
        }
        return Math.log(series(a, b, c, z));
    }

    /** Σ (a)_k (b)_k / ((c)_k k!) z^k, until a term no longer changes the sum while the terms shrink. */
    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            sum += term;
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum) && Math.abs(ratio) < 1) {
                if (sum > 0 && Double.isFinite(sum)) {
                    return sum;
                }
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") lost its precision: "
                        + sum);
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge within "
                + MAX_TERMS + " terms");
    }
}
