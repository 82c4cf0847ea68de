package io.rapport.insight;

import java.math.BigDecimal;
import java.util.List;

import io.rapport.collect.Page;

/** The fitted models, the summary over all customers, and one page of customers, highest predicted value first. */
public record ClvReport(ClvModel model, int horizonMonths, double discountRate, double churnThreshold,
        Summary summary, Page<CustomerValue> customers) {

    /**
     * Totals over all customers: historic (net revenue so far) and predicted value, how many are churned (P(alive)
     * below the threshold), and the distributions of predicted value and of P(alive) as histogram buckets.
     */
    public record Summary(int customers, BigDecimal historicRevenue, BigDecimal predictedValue,
            BigDecimal meanPredictedValue, int churned, List<Bucket> valueDistribution,
            List<Bucket> aliveDistribution) {
    }

    /** Customers whose figure is in [from, to) (the last bucket includes its upper end). */
    public record Bucket(double from, double to, int customers) {
    }

    /**
     * One customer (their user identifier, else anonymous identifier, encoded): net revenue of all their orders,
     * the calibration summary (repeat purchase days, weeks from the first to the last purchase and to the end of
     * calibration), P(alive), the expected purchases over the horizon, the expected spend per purchase and the
     * discounted predicted value.
     */
    public record CustomerValue(String person, BigDecimal historicRevenue, int repeatPurchases, double recencyWeeks,
            double ageWeeks, double probabilityAlive, double expectedPurchases, BigDecimal expectedSpend,
            BigDecimal predictedValue, boolean churned) {
    }
}
