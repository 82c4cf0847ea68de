package io.rapport.commerce;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One completed, not cancelled order as purchase-history models see it: the person (their user identifier, else
 * their anonymous identifier, encoded), when it was completed, and its value less what was refunded of it in its
 * currency ({@code netValue} and {@code currency} are absent for an order without usable money).
 */
public record Purchase(String person, Instant completedAt, @Nullable String currency, @Nullable BigDecimal netValue) {
}
