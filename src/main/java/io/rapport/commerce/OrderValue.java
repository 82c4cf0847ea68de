package io.rapport.commerce;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

import io.rapport.commerce.internal.Money;
import tools.jackson.databind.JsonNode;

/**
 * What an e-commerce event (spec v2) says an order is worth, by the rule the commerce module values its orders with
 * ({@link Order#value()}): {@code total}, else {@code revenue}, else {@code subtotal}, else the sum of its
 * {@code products}' lines. Amounts and quantities are read as the commerce module reads them, so other modules count
 * the same revenue.
 */
public final class OrderValue {

    /** The largest quantity of a line. */
    public static final int MAX_QUANTITY = 1_000_000;
    private static final String[] ORDER_AMOUNTS = {"total", "revenue", "subtotal"};

    private OrderValue() {
    }

    /** The order's value from an event's {@code properties}; nothing when no amount and no line has a price. */
    public static Optional<BigDecimal> of(JsonNode properties) {
        for (String field : ORDER_AMOUNTS) {
            Optional<BigDecimal> amount = Money.amount(properties.path(field));
            if (amount.isPresent()) {
                return amount;
            }
        }
        Optional<BigDecimal> sum = Optional.empty();
        for (JsonNode product : properties.path("products")) {
            Optional<BigDecimal> line = line(product);
            if (line.isPresent()) {
                sum = Optional.of(sum.orElse(BigDecimal.ZERO).add(line.get()));
            }
        }
        return sum;
    }

    /** A product's line: its {@code price} × {@code quantity} (1 when absent or unusable); nothing without a price. */
    public static Optional<BigDecimal> line(JsonNode product) {
        int quantity = quantity(product.path("quantity")).orElse(1);
        return Money.amount(product.path("price")).map(price -> price.multiply(BigDecimal.valueOf(quantity)));
    }

    /** A quantity: a whole number from 1 to 1,000,000, as a number or as digits; nothing for anything else. */
    public static OptionalInt quantity(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            int quantity = value.intValue();
            return quantity >= 1 && quantity <= MAX_QUANTITY ? OptionalInt.of(quantity) : OptionalInt.empty();
        }
        if (value.isString() && value.stringValue().strip().matches("\\d{1,7}")) {
            int quantity = Integer.parseInt(value.stringValue().strip());
            return quantity >= 1 && quantity <= MAX_QUANTITY ? OptionalInt.of(quantity) : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
