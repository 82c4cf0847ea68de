package io.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.rapport.collect.Page;
import io.rapport.platform.ApiProblem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Paging through a timeline merged from several sources, with any page size, yields every entry exactly once, in
 * timeline order (newest first; at one instant by source name, then by key, highest first), even while newer
 * entries arrive between pages.
 */
class TimelinePagingTest {

    private static final List<Identifier> PERSON = List.of(Identifier.userId("ana"));
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    /** A source over a list, keeping to the contract as a SQL source would. */
    private record ListSource(String name, List<TimelineEntry> all) implements TimelineSource {

        @Override
        public List<TimelineEntry> entries(Collection<Identifier> identifiers, Before before, int limit) {
            return all.stream().filter(e -> before.admits(e.at(), e.key()))
                    .sorted(Comparator.comparing(TimelineEntry::at).thenComparingLong(TimelineEntry::key).reversed())
                    .limit(limit).toList();
        }
    }

    @Property(tries = 300)
    void every_entry_comes_once_and_in_order(@ForAll("sources") List<ListSource> sources,
            @ForAll @IntRange(min = 1, max = 25) int pageSize) {
        List<TimelineEntry> read = readAll(sources, pageSize, null);

        List<TimelineEntry> expected = sources.stream().flatMap(s -> s.all().stream())
                .sorted(Comparator.comparing(TimelineEntry::at).reversed().thenComparing(TimelineEntry::source)
                        .thenComparing(Comparator.comparingLong(TimelineEntry::key).reversed()))
                .toList();
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Property(tries = 200)
    void entries_arriving_between_pages_neither_repeat_nor_hide_older_ones(
            @ForAll("sources") List<ListSource> sources, @ForAll @IntRange(min = 1, max = 10) int pageSize) {
        List<TimelineEntry> before = sources.stream().flatMap(s -> s.all().stream()).toList();
        List<TimelineEntry> read = readAll(sources, pageSize, source -> {
            // Something new happens to the person: after everything there is, with the next key.
            long key = source.all().stream().mapToLong(TimelineEntry::key).max().orElse(0) + 1;
            source.all().add(entry(source.name(), key, START.plusSeconds(1_000 + key)));
        });

        assertThat(read).doesNotHaveDuplicates().containsAll(before);
        assertThat(read).allMatch(before::contains, "entries older than the first page only");
    }

    @Example
    void a_cursor_rapport_did_not_give_out_is_refused() {
        List<TimelineSource> none = List.of();
        assertThatThrownBy(() -> Timeline.page(none, PERSON, 10, "not-a-cursor")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Timeline.page(none, PERSON, 0, null)).isInstanceOf(ApiProblem.class);
    }

    private interface Arrival {
        void happen(ListSource source);
    }

    private static List<TimelineEntry> readAll(List<ListSource> sources, int pageSize, Arrival arrival) {
        List<TimelineSource> merged = List.copyOf(sources);
        List<TimelineEntry> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<TimelineEntry> page = Timeline.page(merged, PERSON, pageSize, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
            assertThat(page.next() == null || page.items().size() == pageSize).isTrue();
            read.addAll(page.items());
            cursor = page.next();
            if (arrival != null) {
                sources.forEach(arrival::happen);
            }
            assertThat(++pages).as("pages").isLessThan(1_000);
        } while (cursor != null);
        return read;
    }

    @Provide
    Arbitrary<List<ListSource>> sources() {
        return Arbitraries.of("events", "orders", "tickets", "loyalty").set().ofMinSize(1).ofMaxSize(4)
                .flatMap(this::withEntries);
    }

    private Arbitrary<List<ListSource>> withEntries(Set<String> names) {
        List<Arbitrary<ListSource>> sources = names.stream().map(name -> Arbitraries.integers().between(0, 9)
                .list().ofMaxSize(40)
                .map(instants -> {
                    List<TimelineEntry> entries = new ArrayList<>();
                    for (int i = 0; i < instants.size(); i++) {
                        // Few distinct instants, so many entries share one; keys are unique, not in time order.
                        entries.add(entry(name, (i * 7919L) % 1_000, START.plusSeconds(instants.get(i))));
                    }
                    return new ListSource(name, entries);
                })).toList();
        return Combinators.combine(sources).as(List::copyOf);
    }

    private static TimelineEntry entry(String source, long key, Instant at) {
        return new TimelineEntry(source, key, at, "test", source + " " + key, null, "{}");
    }
}
