package io.rapport.insight.internal;

import java.util.Currency;
import java.util.Locale;

import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the insight consumers read from an event, read the way the commerce module reads it (docs/commerce.md): the
 * person is the user id, else the anonymous id; ids are strings or integers of at most 200 characters; currencies
 * are ISO 4217 codes with a minor unit (amounts are read by the commerce module's {@code OrderValue}). A value that
 * does not qualify is absent, never an error.
 */
final class EventFields {

    private static final int MAX_ID = 200;

    private EventFields() {
    }

    /** The event's person as an encoded {@link Identifier}, or nothing for a message without one. */
    static @Nullable String person(TrackedEvent event) {
        return event.userId() != null ? Identifier.userId(event.userId()).encoded()
                : event.anonymousId() != null ? Identifier.anonymousId(event.anonymousId()).encoded() : null;
    }

    static @Nullable String id(JsonNode node) {
        String id = node.isString() ? node.stringValue().strip() : node.isIntegralNumber() ? node.asString() : "";
        return id.isEmpty() || id.length() > MAX_ID ? null : id;
    }

    /** The currency of an amount: the node's code, else {@code fallback}; nothing when the code is not usable. */
    static @Nullable String currency(JsonNode node, String fallback) {
        String code = node.isString() && !node.stringValue().isBlank() ? node.stringValue().strip() : fallback;
        try {
            Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return currency.getDefaultFractionDigits() < 0 ? null : currency.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
