package io.rapport.insight;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * A funnel over the UTC days {@code from} to {@code to} (both included): the days in which people enter it with
 * their first step; their later steps may follow up to the window after that. {@code saved} names the saved funnel
 * the definition is, whose kept paths answer it once built.
 */
public record FunnelQuery(FunnelDefinition definition, LocalDate from, LocalDate to,
        @Nullable FunnelBreakdown breakdown, SavedFunnel.@Nullable Id saved) {

    /** The most days people may enter one funnel in. */
    public static final int MAX_DAYS = 366;

    public FunnelQuery {
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "The last day (" + to + ") is before the first (" + from + ").");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw ApiProblem.invalidField("from", "A funnel covers at most " + MAX_DAYS + " days of entries; this one "
                    + "asks for " + days + ".");
        }
    }

    /** A funnel that is not saved: computed from the raw events. */
    public FunnelQuery(FunnelDefinition definition, LocalDate from, LocalDate to, @Nullable FunnelBreakdown breakdown) {
        this(definition, from, to, breakdown, null);
    }

    public static FunnelQuery of(SavedFunnel funnel, LocalDate from, LocalDate to,
            @Nullable FunnelBreakdown breakdown) {
        return new FunnelQuery(funnel.definition(), from, to, breakdown, funnel.id());
    }
}
