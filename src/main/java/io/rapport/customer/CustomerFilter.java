package io.rapport.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which customers a list shows; every part is optional and all given parts must hold.
 *
 * @param text          contained, case-insensitively, in one of the customer's identifiers or in their
 *                      {@code name}, {@code firstName}, {@code lastName} or {@code email} trait
 * @param identifiers   the customer has each of these identifiers
 * @param traits        the current (newest) value of each named trait equals the given text, compared as in
 *                      docs/customers.md (numbers as numbers, booleans as {@code true}/{@code false})
 * @param lastSeenAfter the customer's last event is at or after this instant
 * @param lastSeenBefore the customer's last event is before this instant (customers never seen do not match)
 * @param channel       the customer has at least one event on this channel
 * @param minFigures    each named figure ({@link CustomerFigures}), summed over the customer's identifiers, is
 *                      at least the given value
 */
public record CustomerFilter(@Nullable String text, List<Identifier> identifiers, Map<String, String> traits,
        @Nullable Instant lastSeenAfter, @Nullable Instant lastSeenBefore, @Nullable Channel channel,
        Map<String, BigDecimal> minFigures) {

    /** The longest trait name a filter compares. */
    public static final int MAX_TRAIT_NAME_LENGTH = 200;

    /** The longest trait value a filter compares: longer values, given or stored, never match. */
    public static final int MAX_TRAIT_VALUE_LENGTH = 500;

    public static final CustomerFilter ALL = new CustomerFilter(null, List.of(), Map.of(), null, null, null, Map.of());

    public CustomerFilter {
        identifiers = List.copyOf(identifiers);
        traits = Map.copyOf(traits);
        minFigures = Map.copyOf(minFigures);
    }
}
