/**
 * Commerce: products, carts, orders, order lines, refunds and coupons, projected from the Segment e-commerce
 * spec v2 events in the event log.
 */
@NullMarked
package io.rapport.commerce;

import org.jspecify.annotations.NullMarked;
