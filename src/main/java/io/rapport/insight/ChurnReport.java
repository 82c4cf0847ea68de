package io.rapport.insight;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Churn over a query's days: the rule applied (the P(alive) threshold and the model fitted at {@code to} in model
 * mode; the purchase-free window in simple mode), how the customers stand at the end of {@code to}, the churn rate
 * of every period, and in model mode the distribution of P(alive) at {@code to}.
 */
public record ChurnReport(ChurnMode mode, LocalDate from, LocalDate to, MetricGrouping groupBy,
        @Nullable Double threshold, ClvModel.@Nullable BgNbd model, @Nullable Window window, Counts counts,
        List<Period> series, List<ClvReport.Bucket> aliveDistribution) {

    /** Where a customer stands at the end of a day; at risk is past half the way to churned. */
    public enum Status {
        ACTIVE, AT_RISK, CHURNED
    }

    /**
     * The purchase-free days after which a customer is churned: given, or the {@code percentile}-th percentile of
     * {@code gaps} gaps (in days) between consecutive purchases of repeat buyers up to {@code to} (both null
     * when the window is given).
     */
    public record Window(int days, @Nullable Double percentile, @Nullable Long gaps) {
    }

    /** Customers with a purchase up to the end of {@code on}, by where they stand then. */
    public record Counts(LocalDate on, long customers, long active, long atRisk, long churned) {
    }

    /**
     * One period (key: its first day, weeks from Monday; {@code start} and {@code end} its days within the query):
     * the customers not churned at the end of the day before {@code start}, how many of them are churned at the end
     * of {@code end}, and that share in percent with its Wilson 95% interval. In model mode a period whose model
     * cannot be fitted (too few customers yet) has no rate and {@code fitted} false.
     */
    public record Period(String key, LocalDate start, LocalDate end, long alive, long churned,
            @Nullable Estimate rate, boolean fitted) {

        public static Period of(LocalDate key, LocalDate start, LocalDate end, long alive, long churned) {
            return new Period(key.toString(), start, end, alive, churned, Proportion.percent(churned, alive), true);
        }

        public static Period unfitted(LocalDate key, LocalDate start, LocalDate end) {
            return new Period(key.toString(), start, end, 0, 0, null, false);
        }
    }

    /**
     * A churned customer (their user identifier, else anonymous identifier, encoded): first and last purchase day,
     * purchase days, days since the last one at the end of the day judged, and P(alive) then (model mode).
     */
    public record Customer(String person, LocalDate firstPurchase, LocalDate lastPurchase, int purchaseDays,
            long daysSinceLastPurchase, @Nullable Double probabilityAlive) {
    }
}
