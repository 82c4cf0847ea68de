package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The money rules of the commerce module: amounts are {@link BigDecimal}s of at most 15 integer digits, stored to
 * four decimals, never negative; a currency is an ISO-4217 code that names a real currency.
 */
public final class Money {

    public static final int SCALE = 4;
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000000");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,12})?");

    private Money() {
    }

    /** An ISO-4217 code (any case) of a currency with a minor unit; nothing for XXX, XAU and the like. */
    public static Optional<String> currency(String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.length() != 3) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(upper);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency.getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The amount a JSON number or numeric string gives, scaled to four decimals (half even); empty when the node
     * holds something else, a negative number, or one too large to be money.
     */
    public static Optional<BigDecimal> amount(JsonNode node) {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isString() && DECIMAL.matcher(node.stringValue().strip()).matches()) {
            value = new BigDecimal(node.stringValue().strip());
        } else {
            return Optional.empty();
        }
        if (value.signum() < 0 || value.abs().compareTo(LIMIT) >= 0) {
            return Optional.empty();
        }
        return Optional.of(value.setScale(SCALE, RoundingMode.HALF_EVEN));
    }

    /**
     * An amount as shown: trailing zeros dropped, but at least the currency's minor unit ({@code 20.00} EUR,
     * {@code 500} JPY, {@code 0.005} EUR).
     */
    public static @Nullable BigDecimal shown(@Nullable BigDecimal amount, @Nullable String currency) {
        if (amount == null) {
            return null;
        }
        int digits = 2;
        if (currency != null) {
            try {
                digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                digits = 2;
            }
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(digits, Math.max(0, stripped.scale())), RoundingMode.UNNECESSARY);
    }

    /** The currency's minor unit in digits (2 when unknown). */
    public static int minorUnit(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
