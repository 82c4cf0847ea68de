package io.rapport.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as its events describe it. Amounts are in {@code currency} (ISO 4217); they are absent when no event
 * carried them, or carried them in a currency that is not one (see {@code problem}). {@code value} is what the
 * order is worth: its total, else its revenue, else its subtotal, else the sum of its lines. {@code placedAt} is
 * when it was completed, else when it was first seen: what order lists are sorted by.
 */
public record Order(String orderId, OrderStatus status, @Nullable String userIdentifier,
        @Nullable String anonymousIdentifier, @Nullable String checkoutId, @Nullable String affiliation,
        @Nullable String coupon, @Nullable String currency, @Nullable BigDecimal total, @Nullable BigDecimal subtotal,
        @Nullable BigDecimal revenue, @Nullable BigDecimal shipping, @Nullable BigDecimal tax,
        @Nullable BigDecimal discount, @Nullable BigDecimal value, BigDecimal refunded, Instant placedAt,
        @Nullable Instant completedAt, @Nullable Instant cancelledAt, Instant firstSeen, @Nullable String problem) {

    /** An order with its lines, refunds and coupon events. */
    public record Details(Order order, List<Line> lines, List<Refund> refunds, List<Coupon> coupons) {
    }

    public record Line(int lineNo, @Nullable String productId, @Nullable String sku, @Nullable String name,
            @Nullable String category, @Nullable String brand, @Nullable String variant, @Nullable BigDecimal price,
            int quantity, @Nullable String coupon) {
    }

    /** One Order Refunded event; {@code wholeOrder} when it named no amount and no products. */
    public record Refund(String messageId, @Nullable BigDecimal amount, @Nullable String currency, boolean wholeOrder,
            Instant refundedAt, @Nullable String problem) {
    }

    /** One Coupon Entered, Applied, Denied or Removed event. */
    public record Coupon(@Nullable String couponId, @Nullable String couponName, String outcome,
            @Nullable BigDecimal discount, @Nullable String currency, @Nullable String reason, Instant occurredAt) {
    }
}
