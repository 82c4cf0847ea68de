package io.rapport.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one person (all of their identifiers) bought: completed orders that are not cancelled, their value per
 * currency, when they last ordered, and their carts that are still open or were abandoned.
 */
public record CommerceSummary(long orders, List<CurrencyTotals> byCurrency, @Nullable Instant lastOrderAt,
        long openCarts, long abandonedCarts) {

    /**
     * {@code revenue}: the orders' value (total, else revenue, else subtotal, else the sum of the lines);
     * {@code refunded}: what was refunded of it; {@code net} the difference; {@code averageOrderValue}: revenue
     * over orders, rounded to the currency's minor unit (half even).
     */
    public record CurrencyTotals(String currency, long orders, BigDecimal revenue, BigDecimal refunded, BigDecimal net,
            BigDecimal averageOrderValue) {
    }
}
