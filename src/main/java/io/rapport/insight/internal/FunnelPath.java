package io.rapport.insight.internal;

import java.time.Instant;
import java.util.List;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelStep;
import org.jspecify.annotations.Nullable;

/**
 * One person's way through a funnel, fed their messages in time order. They enter with their first message of step 1
 * in the entry period; after that each step is their first message of it after the previous step (ordered, this
 * order, other messages in between allowed), up to the window after entering. One message is at most one step.
 */
final class FunnelPath {

    private final List<FunnelStep> steps;
    private final long windowMillis;
    private final Instant enterFrom;
    private final Instant enterUntil;
    private final Instant[] times;
    private int reached;
    private @Nullable FunnelRow entry;

    /** A path for people who may enter from {@code enterFrom} (included) until {@code enterUntil} (excluded). */
    FunnelPath(FunnelDefinition funnel, Instant enterFrom, Instant enterUntil) {
        this.steps = funnel.steps();
        this.windowMillis = funnel.window().toMillis();
        this.enterFrom = enterFrom;
        this.enterUntil = enterUntil;
        this.times = new Instant[steps.size()];
    }

    void offer(FunnelRow row) {
        if (reached == steps.size()) {
            return;
        }
        if (reached == 0) {
            if (!row.at().isBefore(enterFrom) && row.at().isBefore(enterUntil) && row.is(steps.getFirst())) {
                entry = row;
                times[reached++] = row.at();
            }
            return;
        }
        if (row.at().toEpochMilli() - times[0].toEpochMilli() <= windowMillis && row.is(steps.get(reached))) {
            times[reached++] = row.at();
        }
    }

    /** How many steps the person did: 0 when they did not enter. */
    int reached() {
        return reached;
    }

    /** When the person did step {@code step} (0-based), which they {@link #reached()}. */
    Instant at(int step) {
        return times[step];
    }

    /** The message the person entered with; only for a person who entered. */
    FunnelRow entry() {
        if (entry == null) {
            throw new IllegalStateException("The person did not enter the funnel.");
        }
        return entry;
    }
}
