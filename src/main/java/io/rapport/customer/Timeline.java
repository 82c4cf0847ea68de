package io.rapport.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A customer's timeline: the entries of every {@link TimelineSource} for all of the customer's identifiers, in one
 * stream, newest first. Entries at the same instant are ordered by source name, then by key, newest (highest) key
 * first. A page's cursor is the position of its last entry, so a page never repeats or skips an entry while new
 * ones arrive.
 */
@Service
public class Timeline {

    /** Where a timeline starts: after everything. */
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::at).reversed()
            .thenComparing(TimelineEntry::source)
            .thenComparing(Comparator.comparingLong(TimelineEntry::key).reversed());

    private final JdbcClient jdbc;
    private final ObjectProvider<TimelineSource> sources;

    Timeline(JdbcClient jdbc, ObjectProvider<TimelineSource> sources) {
        this.jdbc = jdbc;
        this.sources = sources;
        checkNames(sources.orderedStream().toList());
    }

    /** The customer's entries after {@code cursor} (from the newest when null): at most {@code limit} of them. */
    public Page<TimelineEntry> of(Customer.Id customer, int limit, @Nullable String cursor) {
        List<Identifier> identifiers = jdbc.sql("select identifier from identities where customer_id = ?")
                .param(customer.value()).query(String.class).list().stream().map(Identifier::decode).toList();
        return page(sources.orderedStream().toList(), identifiers, limit, cursor);
    }

    /** The page after {@code cursor} of the merged entries of {@code sources}. */
    static Page<TimelineEntry> page(List<TimelineSource> sources, List<Identifier> identifiers, int limit,
            @Nullable String cursor) {
        int size = Cursors.limit(limit);
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : Cursors.Position.decode(cursor);
        List<TimelineEntry> candidates = new ArrayList<>();
        if (!identifiers.isEmpty()) {
            for (TimelineSource source : sources) {
                TimelineSource.Before before = after == null ? new TimelineSource.Before(END, Long.MAX_VALUE)
                        : bound(after, source.name());
                for (TimelineEntry entry : source.entries(identifiers, before, size + 1)) {
                    // Kept to the contract here, so one careless source cannot repeat entries across pages.
                    if (entry.source().equals(source.name()) && before.admits(entry.at(), entry.key())) {
                        candidates.add(entry);
                    }
                }
            }
        }
        candidates.sort(NEWEST_FIRST);
        if (candidates.size() <= size) {
            return new Page<>(List.copyOf(candidates), null);
        }
        List<TimelineEntry> kept = List.copyOf(candidates.subList(0, size));
        TimelineEntry last = kept.getLast();
        return new Page<>(kept, new Cursors.Position(last.at(), last.key(), last.source()).encode());
    }

    private static void checkNames(List<TimelineSource> sources) {
        Set<String> names = new HashSet<>();
        for (TimelineSource source : sources) {
            if (!source.name().matches("[a-z0-9-]{1,30}") || !names.add(source.name())) {
                throw new IllegalStateException("Timeline source " + source.getClass().getName() + " is named '"
                        + source.name() + "': names are unique, of lower-case letters, digits and dashes, at most 30");
            }
        }
    }

    /**
     * Where the next page starts for one source, after the last entry shown (its instant, key, and source as the
     * name): sources at one instant come in name order, so a source named before it has shown all of that
     * instant, and one named after it none.
     */
    private static TimelineSource.Before bound(Cursors.Position last, String source) {
        int order = source.compareTo(last.name());
        return new TimelineSource.Before(last.at(), order == 0 ? last.key()
                : order < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
}
