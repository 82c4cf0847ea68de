package io.rapport.commerce;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A product as the newest event that named it described it. */
public record Product(String productId, @Nullable String sku, @Nullable String name, @Nullable String category,
        @Nullable String brand, @Nullable String variant, @Nullable BigDecimal price, @Nullable String currency,
        @Nullable String url, @Nullable String imageUrl, Instant firstSeen, Instant lastSeen) {
}
