package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelStep;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * A person's path through a funnel over any range of entry days is the day path of their earliest entry day in it,
 * whatever their messages: what lets a saved funnel keep one path per person and day instead of its raw events.
 */
class FunnelDayPathsProperties {

    private static final LocalDate START = LocalDate.parse("2024-03-01");
    private static final int DAYS = 5;

    record Message(int day, int minute, String step, @Nullable String plan) {
    }

    @Property(tries = 500)
    void the_path_of_a_range_is_the_day_path_of_the_first_entry_day_in_it(
            @ForAll("messages") List<Message> messages, @ForAll("funnels") FunnelDefinition funnel,
            @ForAll("days") int from, @ForAll("days") int length) {
        List<FunnelRow> rows = rows(messages);
        LocalDate first = START.plusDays(from);
        LocalDate last = first.plusDays(length);

        FunnelPath raw = raw(funnel, rows, first, last);
        List<FunnelDayPaths.DayPath> days = FunnelDayPaths.of(funnel, rows, LocalDate.MIN, LocalDate.MAX);
        FunnelDayPaths.DayPath kept = days.stream().filter(d -> !d.day().isBefore(first) && !d.day().isAfter(last))
                .findFirst().orElse(null);

        if (raw.reached() == 0) {
            assertThat(kept).isNull();
            return;
        }
        assertThat(kept).isNotNull();
        assertThat(kept.previousDay() == null || kept.previousDay().isBefore(first)).isTrue();
        assertThat(kept.path().reached()).isEqualTo(raw.reached());
        assertThat(kept.path().entry()).isEqualTo(raw.entry());
        for (int step = 0; step < raw.reached(); step++) {
            assertThat(kept.path().at(step)).isEqualTo(raw.at(step));
        }
    }

    @Property(tries = 200)
    void day_paths_of_some_days_are_those_of_all_days_in_them(@ForAll("messages") List<Message> messages,
            @ForAll("funnels") FunnelDefinition funnel, @ForAll("days") int from, @ForAll("days") int length) {
        List<FunnelRow> rows = rows(messages);
        LocalDate first = START.plusDays(from);
        LocalDate last = first.plusDays(length);

        List<FunnelDayPaths.DayPath> some = FunnelDayPaths.of(funnel, rows, first, last);
        List<FunnelDayPaths.DayPath> all = FunnelDayPaths.of(funnel, rows, LocalDate.MIN, LocalDate.MAX).stream()
                .filter(d -> !d.day().isBefore(first) && !d.day().isAfter(last)).toList();

        assertThat(some.stream().map(FunnelDayPaths.DayPath::day)).containsExactlyElementsOf(
                all.stream().map(FunnelDayPaths.DayPath::day).toList());
        for (int i = 0; i < some.size(); i++) {
            assertThat(some.get(i).path().reached()).isEqualTo(all.get(i).path().reached());
            assertThat(some.get(i).path().entry()).isEqualTo(all.get(i).path().entry());
        }
    }

    /** The raw computation: the rows of the range plus the window through one path, as a report walks them. */
    private static FunnelPath raw(FunnelDefinition funnel, List<FunnelRow> rows, LocalDate first, LocalDate last) {
        Instant from = FunnelDayPaths.start(first);
        Instant until = FunnelDayPaths.start(last.plusDays(1));
        FunnelPath path = new FunnelPath(funnel, from, until);
        rows.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(until.plus(funnel.window())))
                .forEach(path::offer);
        return path;
    }

    private static List<FunnelRow> rows(List<Message> messages) {
        List<FunnelRow> rows = new ArrayList<>();
        for (Message m : messages) {
            rows.add(new FunnelRow("user:p", FunnelStep.Kind.TRACK, m.step(), FunnelDayPaths.start(START.plusDays(
                    m.day())).plus(Duration.ofMinutes(m.minute())), "web", "mobile", "c" + rows.size(),
                    m.plan() == null ? null : "{\"plan\":\"" + m.plan() + "\"}"));
        }
        // Time order; equal times keep the order received, as the log's sequence does.
        rows.sort(Comparator.comparing(FunnelRow::at));
        return rows;
    }

    @Provide
    Arbitrary<List<Message>> messages() {
        return Combinators.combine(Arbitraries.integers().between(0, DAYS + 1), Arbitraries.integers().between(0, 1_439)
                        .filter(m -> m % 7 == 0 || m > 1_300), Arbitraries.of("A", "B", "C"),
                Arbitraries.of("pro", "basic").injectNull(0.5))
                .as(Message::new).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<FunnelDefinition> funnels() {
        Arbitrary<FunnelStep> step = Combinators.combine(Arbitraries.of("A", "B", "C"), Arbitraries.of(false, true))
                .as((name, filtered) -> new FunnelStep(FunnelStep.Kind.TRACK, name, filtered ? "plan" : null,
                        filtered ? "pro" : null));
        return Combinators.combine(step.list().ofMinSize(2).ofMaxSize(4), Arbitraries.of(Duration.ofMinutes(30),
                Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(2))).as(FunnelDefinition::new);
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(0, DAYS - 1);
    }
}
