package io.rapport.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A cart: the shop's {@code cart_id}, or for shops that send none, the person's open cart. Its items are the sum
 * of its Product Added and Product Removed events.
 */
public record Cart(String cartKey, @Nullable String cartId, Status status, @Nullable String userIdentifier,
        @Nullable String anonymousIdentifier, Instant firstActivity, Instant lastActivity,
        @Nullable String convertedOrderId, @Nullable Instant convertedAt, List<Item> items) {

    /** ABANDONED is not stored: it is an ACTIVE cart without activity for {@code rapport.commerce.cart-abandoned-after}. */
    public enum Status {
        ACTIVE, ABANDONED, CONVERTED
    }

    public record Item(String productId, int quantity, @Nullable BigDecimal price, @Nullable String currency) {
    }
}
