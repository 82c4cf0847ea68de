package io.rapport.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

/**
 * One thing on a customer's timeline.
 *
 * @param source the {@link TimelineSource#name()} it comes from
 * @param key tells apart the source's entries at the same instant: unique within the source, from 0 to
 *            {@code Long.MAX_VALUE - 1}, never changing (a row's identity column does)
 * @param at when it happened
 * @param type what kind of entry it is, for programs: an event's type ({@code track}, {@code page} …),
 *             {@code order.placed} …
 * @param title one line for people: "Order Completed", "Order 1042 placed · 42.50 EUR"
 * @param link where the console shows more (a path such as {@code /console/orders/1042}), if anywhere
 * @param data the entry's details as a JSON object: an event's message, an order's figures
 */
public record TimelineEntry(String source, long key, Instant at, String type, String title, @Nullable String link,
        @JsonRawValue String data) {
}
