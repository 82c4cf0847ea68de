package io.rapport.commerce;

/**
 * Where an order stands, derived from what its events recorded: cancelled wins, then refunds (whole or in part),
 * then completion. An order known only from updates is pending.
 */
public enum OrderStatus {
    PENDING, COMPLETED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED
}
