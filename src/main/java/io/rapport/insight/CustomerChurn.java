package io.rapport.insight;

import java.time.LocalDate;

import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;

/**
 * Churn from the shop's completed orders: per customer by the BG/NBD probability of being alive or by a
 * purchase-free window, and the churn rate per period (docs/metrics.md, "Churn").
 */
public interface CustomerChurn {

    ChurnReport report(ChurnQuery query);

    /**
     * The customers churned at the end of the query's {@code to}, or (with {@code period}, a period's key) those
     * alive at the period's start and churned at its end; the most recently active first, up to 1,000 a page.
     */
    Page<ChurnReport.Customer> churned(ChurnQuery query, @Nullable LocalDate period, int limit,
            @Nullable String cursor);
}
