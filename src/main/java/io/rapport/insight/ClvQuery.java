package io.rapport.insight;

import java.time.LocalDate;
import java.util.Locale;

import io.rapport.commerce.Orders;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * What to compute: the models are fitted on the purchases up to the end of {@code calibrationEnd} (UTC; null:
 * today) in {@code currency} (null: the currency most orders are in), and the value is predicted for
 * {@code horizonMonths} months discounted at {@code discountRate} a year. A customer is counted as churned when
 * their probability of being alive is below {@code churnThreshold}.
 */
public record ClvQuery(@Nullable LocalDate calibrationEnd, @Nullable String currency, int horizonMonths,
        double discountRate, double churnThreshold) {

    public static final int MAX_HORIZON_MONTHS = 120;
    public static final double MAX_DISCOUNT_RATE = 1;

    public ClvQuery {
        if (horizonMonths < 1 || horizonMonths > MAX_HORIZON_MONTHS) {
            throw ApiProblem.invalidField("horizonMonths", "horizonMonths must be between 1 and "
                    + MAX_HORIZON_MONTHS + ".");
        }
        if (!(discountRate >= 0 && discountRate <= MAX_DISCOUNT_RATE)) {
            throw ApiProblem.invalidField("discountRate", "discountRate is a yearly rate between 0 and "
                    + MAX_DISCOUNT_RATE + " (0.1 for 10 %).");
        }
        if (!(churnThreshold > 0 && churnThreshold < 1)) {
            throw ApiProblem.invalidField("churnThreshold", "churnThreshold is a probability between 0 and 1, "
                    + "both excluded.");
        }
        currency = currency(currency);
    }

    /** The query from its parameters as a person or an HTTP request gives them (texts; blank: the default). */
    public static ClvQuery of(@Nullable String calibrationEnd, @Nullable String currency,
            @Nullable String horizonMonths, @Nullable String discountRate, @Nullable String churnThreshold) {
        double months = number("horizonMonths", horizonMonths, 12);
        if (months != Math.rint(months)) {
            throw ApiProblem.invalidField("horizonMonths", "horizonMonths is a whole number of months.");
        }
        int whole = (int) Math.max(0, Math.min(months, MAX_HORIZON_MONTHS + 1));
        return new ClvQuery(Orders.Filter.day("calibrationEnd", calibrationEnd), currency, whole,
                number("discountRate", discountRate, 0.1), number("churnThreshold", churnThreshold, 0.5));
    }

    /** A finite number given as text, or {@code absent} when blank. */
    static double number(String field, @Nullable String text, double absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalidField(field, field + ": '" + text + "' is not a number.");
    }

    /** A currency code as a person gives it (any case), checked; null stays null. */
    public static @Nullable String currency(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!code.strip().matches("[A-Za-z]{3}")) {
            throw ApiProblem.invalidField("currency", "'" + code + "' is not an ISO 4217 currency code.");
        }
        return code.strip().toUpperCase(Locale.ROOT);
    }
}
