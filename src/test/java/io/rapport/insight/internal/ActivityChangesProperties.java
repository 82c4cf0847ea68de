package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.rapport.customer.Channel;
import io.rapport.insight.MetricGrouping;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The activity counts depend on the set of touchpoints only: the same messages in any order and any batching give
 * the same counts, equal to a direct count from the definitions; and erasing a person leaves the counts of the others.
 */
class ActivityChangesProperties {

    private static final LocalDate START = LocalDate.parse("2024-01-01");

    record Touch(String person, Channel channel, LocalDate day) {
    }

    /** The counts as the roll-up tables hold them, without the rows that are zero everywhere. */
    record Counts(Map<String, List<Long>> periods, Map<List<LocalDate>, Long> visitorWeeks,
            Map<List<LocalDate>, Long> visitorSpans) {
    }

    /** The stored periods and the counts, changed batch by batch as the consumer does. */
    private static final class Store {

        final Map<ActivityChanges.Series, NavigableSet<LocalDate>> periods = new HashMap<>();
        final Map<String, long[]> counts = new TreeMap<>();
        final Map<List<LocalDate>, Long> visitorWeeks = new HashMap<>();
        final Map<List<LocalDate>, Long> visitorSpans = new HashMap<>();

        void consume(List<Touch> batch) {
            Set<ActivityChanges.Period> added = new LinkedHashSet<>();
            batch.forEach(t -> added.addAll(ActivityChanges.periodsOf(t.person(), t.channel(), t.day())));
            Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored = new HashMap<>();
            added.forEach(p -> stored.put(p.series(), new TreeSet<>(periods.getOrDefault(p.series(), new TreeSet<>()))));
            ActivityChanges changes = ActivityChanges.adding(stored, added);
            ActivityChanges.unstored(stored, added).forEach(p -> periods.computeIfAbsent(p.series(),
                    s -> new TreeSet<>()).add(p.start()));
            apply(changes);
        }

        void erase(String person) {
            Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored = new HashMap<>();
            periods.forEach((series, starts) -> {
                if (series.person().equals(person)) {
                    stored.put(series, starts);
                }
            });
            apply(ActivityChanges.between(stored, Map.of()));
            stored.keySet().forEach(periods::remove);
        }

        void apply(ActivityChanges changes) {
            changes.periods.forEach((cell, delta) -> {
                long[] row = counts.computeIfAbsent(cell.grain() + " " + cell.channel() + " " + cell.period(),
                        k -> new long[5]);
                for (int i = 0; i < row.length; i++) {
                    row[i] += delta[i];
                }
            });
            changes.visitorWeeks.forEach((key, n) -> visitorWeeks.merge(key, n, Long::sum));
            changes.visitorSpans.forEach((key, n) -> visitorSpans.merge(key, n, Long::sum));
        }

        Counts counts() {
            return new Counts(nonZeroRows(counts), nonZero(visitorWeeks), nonZero(visitorSpans));
        }
    }

    @Property(tries = 300)
    void the_counts_do_not_depend_on_the_order_or_batching_of_the_messages(@ForAll("touches") List<Touch> touches,
            @ForAll long seed) {
        List<Touch> shuffled = new ArrayList<>(touches);
        Collections.shuffle(shuffled, new Random(seed));

        Counts inOrder = consumed(touches, 1, new Random(seed));
        Counts anyOrder = consumed(shuffled, 5, new Random(seed + 1));

        assertThat(anyOrder).isEqualTo(inOrder);
        assertThat(inOrder).isEqualTo(definitions(touches));
    }

    @Property(tries = 200)
    void erasing_a_person_leaves_the_counts_of_everyone_else(@ForAll("touches") List<Touch> touches, @ForAll long seed) {
        Store store = new Store();
        store.consume(touches);
        store.erase("p0");

        List<Touch> others = touches.stream().filter(t -> !t.person().equals("p0")).toList();
        assertThat(store.counts()).isEqualTo(consumed(others, 3, new Random(seed)));
    }

    @Provide
    Arbitrary<List<Touch>> touches() {
        Arbitrary<Touch> touch = Combinators.combine(Arbitraries.of("p0", "p1", "p2", "p3", "p4"),
                Arbitraries.of(Channel.WEB, Channel.APP), Arbitraries.integers().between(0, 120))
                .as((person, channel, day) -> new Touch(person, channel, START.plusDays(day)));
        return touch.list().ofMinSize(1).ofMaxSize(40);
    }

    /** Consumes the touches in this order, in batches of 1 to {@code maxBatch}. */
    private static Counts consumed(List<Touch> touches, int maxBatch, Random random) {
        Store store = new Store();
        for (int i = 0; i < touches.size(); ) {
            int size = 1 + random.nextInt(maxBatch);
            store.consume(touches.subList(i, Math.min(touches.size(), i + size)));
            i += size;
        }
        return store.counts();
    }

    /**
     * The period counts straight from the definitions: per period, persons active; those active for the first time
     * (new), also active the period before (returning), not the period before but earlier (resurrecting), and
     * active the period before but not now (dormant); lifecycle for weeks and months only. And the visitor cohorts:
     * per person, their first week with each week they were active, and with their last week.
     */
    private static Counts definitions(List<Touch> touches) {
        Map<String, long[]> counts = new TreeMap<>();
        for (MetricGrouping grain : List.of(MetricGrouping.DAY, MetricGrouping.WEEK, MetricGrouping.MONTH)) {
            for (String channel : List.of("all", "web", "app")) {
                Map<String, TreeSet<LocalDate>> active = new HashMap<>();
                for (Touch t : touches) {
                    if (channel.equals("all") || t.channel().name().equalsIgnoreCase(channel)) {
                        active.computeIfAbsent(t.person(), p -> new TreeSet<>()).add(grain.periodOf(t.day()));
                    }
                }
                LocalDate first = grain.periodOf(START);
                for (LocalDate p = first; !p.isAfter(START.plusDays(130)); p = grain.next(p)) {
                    LocalDate previous = grain.periodOf(p.minusDays(1));
                    long[] row = new long[5];
                    for (TreeSet<LocalDate> periods : active.values()) {
                        boolean now = periods.contains(p);
                        boolean before = periods.contains(previous);
                        boolean earlier = periods.first().isBefore(p);
                        row[0] += now ? 1 : 0;
                        if (grain != MetricGrouping.DAY) {
                            row[1] += now && !earlier ? 1 : 0;
                            row[2] += now && before ? 1 : 0;
                            row[3] += now && !before && earlier ? 1 : 0;
                            row[4] += !now && before ? 1 : 0;
                        }
                    }
                    counts.put(grain + " " + channel + " " + p, row);
                }
            }
        }
        Map<List<LocalDate>, Long> visitorWeeks = new HashMap<>();
        Map<List<LocalDate>, Long> visitorSpans = new HashMap<>();
        Map<String, TreeSet<LocalDate>> weeks = new HashMap<>();
        touches.forEach(t -> weeks.computeIfAbsent(t.person(), p -> new TreeSet<>())
                .add(MetricGrouping.WEEK.periodOf(t.day())));
        weeks.values().forEach(visited -> {
            visited.forEach(week -> visitorWeeks.merge(List.of(visited.first(), week), 1L, Long::sum));
            visitorSpans.merge(List.of(visited.first(), visited.last()), 1L, Long::sum);
        });
        return new Counts(nonZeroRows(counts), visitorWeeks, visitorSpans);
    }

    private static Map<String, List<Long>> nonZeroRows(Map<String, long[]> counts) {
        Map<String, List<Long>> rows = new TreeMap<>();
        counts.forEach((key, row) -> {
            if (Arrays.stream(row).anyMatch(n -> n != 0)) {
                rows.put(key, Arrays.stream(row).boxed().toList());
            }
        });
        return rows;
    }

    private static Map<List<LocalDate>, Long> nonZero(Map<List<LocalDate>, Long> counts) {
        Map<List<LocalDate>, Long> nonZero = new HashMap<>();
        counts.forEach((key, n) -> {
            if (n != 0) {
                nonZero.put(key, n);
            }
        });
        return nonZero;
    }
}
