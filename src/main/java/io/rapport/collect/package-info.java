/**
 * Collects touchpoints through the Segment-compatible tracking API into the append-only event log,
 * and feeds the log to consumers with exactly-once effects.
 */
@NullMarked
package io.rapport.collect;

import org.jspecify.annotations.NullMarked;
