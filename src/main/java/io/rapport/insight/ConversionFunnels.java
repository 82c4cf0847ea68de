package io.rapport.insight;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Conversion funnels, computed from the narrow projection of tracked events that the {@code insight.funnel-events}
 * consumer keeps (docs/metrics.md, "Funnels").
 */
public interface ConversionFunnels {

    FunnelResult report(FunnelQuery query);

    /** The persons who reached step {@code step} (1-based) but not the next, {@code limit} of them after the cursor. */
    FunnelDropOff dropOff(FunnelQuery query, int step, int limit, @Nullable String cursor);

    /** The events, pages and screens seen so far, to choose steps from (at most {@value #MAX_KNOWN_STEPS}). */
    List<FunnelStep> knownSteps();

    int MAX_KNOWN_STEPS = 1_000;
}
