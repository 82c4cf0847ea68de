package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.List;

import io.rapport.insight.ClvValidation;

/**
 * Predicted against actual hold-out purchases by calibration frequency, as in Fader, Hardie &amp; Lee (2005), Figure 5
 * ("conditional expectations"): customers are grouped by their repeat purchases in calibration, 0 to
 * {@value #LAST_ROW} and more.
 */
final class HoldOutTable {

    static final int LAST_ROW = 7;

    private final double[] predicted = new double[LAST_ROW + 1];
    private final long[] actual = new long[LAST_ROW + 1];
    private final int[] customers = new int[LAST_ROW + 1];

    void add(RepeatBuyer customer, double predictedPurchases, int actualPurchases) {
        int row = Math.min(customer.x(), LAST_ROW);
        customers[row]++;
        predicted[row] += predictedPurchases;
        actual[row] += actualPurchases;
    }

    List<ClvValidation.Row> rows() {
        List<ClvValidation.Row> rows = new ArrayList<>();
        for (int i = 0; i <= LAST_ROW; i++) {
            rows.add(new ClvValidation.Row(i == LAST_ROW ? LAST_ROW + "+" : Integer.toString(i), customers[i],
                    predicted[i], actual[i]));
        }
        return rows;
    }

    double predicted() {
        double sum = 0;
        for (double p : predicted) {
            sum += p;
        }
        return sum;
    }

    long actual() {
        long sum = 0;
        for (long a : actual) {
            sum += a;
        }
        return sum;
    }
}
