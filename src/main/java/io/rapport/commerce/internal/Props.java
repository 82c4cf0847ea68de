package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.rapport.commerce.OrderValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the properties of a commerce event defensively: a property of the wrong type or out of range is left
 * out and noted as a problem; it never fails the event.
 */
record Props(ObjectNode node, CommerceProjector.Problems problems) {

    /** The currency the event's amounts are in, or why they cannot be used. */
    record Currency(@Nullable String code, @Nullable String problem) {
        boolean valid() {
            return code != null;
        }

        @Override
        public String code() {
            if (code == null) {
                throw new IllegalStateException("no valid currency");
            }
            return code;
        }

        @Override
        public String problem() {
            return problem == null ? "" : problem;
        }
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** An identifier: a string or an integer, at most 200 characters; nothing when absent or blank. */
    @Nullable String id(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.stringValue().strip()
                : value.isIntegralNumber() ? value.asString() : null;
        if (text == null || text.length() > 200) {
            problems.add(name + " is not a string of at most 200 characters");
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /** A text, cut to {@code max} characters; numbers and booleans are taken as text. */
    @Nullable String text(String name, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problems.add(name + " is not text");
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : CommerceProjector.clip(text, max);
    }

    @Nullable BigDecimal amount(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        Optional<BigDecimal> amount = Money.amount(value);
        if (amount.isEmpty()) {
            problems.add(name + " is not an amount (a number from 0 to 10^15)");
        }
        return amount.orElse(null);
    }

    /** A quantity from 1 to 1,000,000; 1 when absent or unusable. */
    int quantity(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return 1;
        }
        OptionalInt quantity = OrderValue.quantity(value);
        if (quantity.isPresent()) {
            return quantity.getAsInt();
        }
        problems.add(name + " is not a quantity from 1 to " + OrderValue.MAX_QUANTITY + "; 1 was assumed");
        return 1;
    }

    /**
     * The currency of the event: its {@code currency} property when that is an ISO-4217 code, else (when absent)
     * the order's, else the configured default. An invalid code is a problem: the event's amounts are not used.
     */
    Currency currency(@Nullable String orderCurrency, String defaultCurrency) {
        JsonNode value = node.get("currency");
        if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
            return new Currency(orderCurrency != null ? orderCurrency : defaultCurrency, null);
        }
        Optional<String> code = value.isString() ? Money.currency(value.stringValue()) : Optional.empty();
        if (code.isEmpty()) {
            String problem = "currency " + CommerceProjector.clip(value.toString(), 20)
                    + " is not an ISO-4217 code: the amounts were not stored";
            problems.add(problem);
            return new Currency(null, problem);
        }
        return new Currency(code.get(), null);
    }

    /** The objects of an array property (other elements are skipped as problems), at most {@code max}. */
    List<Props> objects(String name, int max) {
        JsonNode value = node.get(name);
        List<Props> objects = new ArrayList<>();
        if (value == null || value.isNull()) {
            return objects;
        }
        if (!value.isArray()) {
            problems.add(name + " is not an array");
            return objects;
        }
        for (JsonNode element : value) {
            if (objects.size() == max) {
                problems.add(name + " has more than " + max + " entries; the rest were skipped");
                break;
            }
            if (element instanceof ObjectNode object) {
                objects.add(new Props(object, problems));
            } else {
                problems.add(name + " has an entry that is not an object");
            }
        }
        return objects;
    }
}
