package io.rapport.insight;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The persons who reached step {@code step} of a funnel but not the next, in order of their identifiers, one page;
 * {@code next} is the cursor of the following page.
 */
public record FunnelDropOff(int step, String reached, String missed, List<Person> items, @Nullable String next) {

    /** The most persons one page lists. */
    public static final int MAX_LIMIT = 1_000;

    /**
     * A person by their identifier (as {@code user:…} or {@code anon:…}), when they reached the step, and the
     * customer the identifier belongs to, if one does.
     */
    public record Person(String identifier, Instant reachedAt, @Nullable String customerId) {
    }
}
