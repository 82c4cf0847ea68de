package io.rapport.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Something that puts entries on customers' timelines: events, orders, tickets, survey answers … Any module adds
 * one by declaring a Spring bean that implements this interface; {@link Timeline} merges every source into one
 * newest-first stream per customer, with a cursor that stays valid while new entries arrive. See docs/customers.md.
 */
public interface TimelineSource {

    /**
     * A short stable name ({@code events}, {@code orders}): lower-case letters, digits and dashes, at most 30
     * characters, unique among the sources. It is part of every cursor, so renaming a source breaks open cursors.
     */
    String name();

    /**
     * The newest entries of one person that come before {@code before}: at most {@code limit}, ordered by time and
     * then by key, both descending, each with this source's {@link #name()}.
     *
     * @param identifiers every identifier the person has now (a source uses the types it knows)
     */
    List<TimelineEntry> entries(Collection<Identifier> identifiers, Before before, int limit);

    /**
     * Where the previous page ended for a source: entries must have happened before {@code at}, or at {@code at}
     * with a key below {@code key} (in SQL: {@code at < :at or (at = :at and key < :key)}).
     */
    record Before(Instant at, long key) {

        public boolean admits(Instant entryAt, long entryKey) {
            return entryAt.isBefore(at) || (entryAt.equals(at) && entryKey < key);
        }
    }
}
