package io.rapport.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Money as the API shows it: with at least its currency's minor unit ({@code 20.00} EUR, {@code 1000} JPY). */
final class Amounts {

    private Amounts() {
    }

    static BigDecimal shown(String currency, BigDecimal value) {
        int minor = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return value.setScale(Math.max(minor, value.stripTrailingZeros().scale()), RoundingMode.HALF_EVEN);
    }

    /** {@code value ÷ count}, rounded half even to the currency's minor unit. */
    static BigDecimal average(String currency, BigDecimal value, long count) {
        int minor = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return value.divide(BigDecimal.valueOf(count), minor, RoundingMode.HALF_EVEN);
    }
}
