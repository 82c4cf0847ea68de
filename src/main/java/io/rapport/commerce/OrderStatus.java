package io.rapport.commerce;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an order stands, derived from what its events recorded: cancelled wins, then refunds (whole or in part),
 * then completion. An order known only from updates is pending.
 */
public enum OrderStatus {
    PENDING, COMPLETED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED;

    /** The status a person or a program names, in any case ({@code partially_refunded}). */
    public static Optional<OrderStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst();
    }
}
