package io.rapport.insight.internal;

/**
 * Predicted lifetime value over a horizon of whole months, discounted monthly: the sum over months m = 1…H of
 * E[M] · (E[Y(m·L)] − E[Y((m−1)·L)]) / (1 + d)^(m/12), with L the mean month (365.25/12 days, in weeks), E[Y] the
 * BG/NBD conditional expected purchases, E[M] the Gamma-Gamma expected spend and d the yearly discount rate. This
 * is the formula of the lifetimes package's {@code customer_lifetime_value} (there with a monthly rate).
 */
record DiscountedValue(int months, double yearlyRate) {

    static final double WEEKS_PER_MONTH = 365.25 / 12 / PurchaseDays.DAYS_PER_WEEK;

    /** Expected purchases over the horizon, and their discounted value. */
    record Prediction(double purchases, double value) {
    }

    Prediction of(BetaGeometricNbd purchases, double expectedSpend, RepeatBuyer customer) {
        return of(expectedSpend, expectedPurchases(purchases, customer));
    }

    /**
     * E[Y(m·L)] for m = 1…months: all a prediction needs besides the spend, and the same for every customer with
     * equal (x, t_x, T).
     */
    double[] expectedPurchases(BetaGeometricNbd purchases, RepeatBuyer customer) {
        double[] upTo = new double[months];
        for (int m = 1; m <= months; m++) {
            upTo[m - 1] = purchases.expectedPurchases(customer, m * WEEKS_PER_MONTH);
        }
        return upTo;
    }

    /** The prediction from the expected spend and {@link #expectedPurchases}. */
    Prediction of(double expectedSpend, double[] expectedPurchases) {
        double before = 0;
        double value = 0;
        for (int m = 1; m <= months; m++) {
            double upTo = expectedPurchases[m - 1];
            value += expectedSpend * (upTo - before) / Math.pow(1 + yearlyRate, m / 12.0);
            before = upTo;
        }
        return new Prediction(before, value);
    }
}
