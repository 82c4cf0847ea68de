package io.rapport.insight.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.rapport.insight.FunnelDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A person's paths through a saved funnel, one per UTC day in which they have a step-1 message: the path that starts
 * at their first step-1 message of that day. The path of any range of days is the one of the person's earliest such
 * day in it, because after entering a path only looks at later messages up to the window.
 */
final class FunnelDayPaths {

    /** The path of one entry day; {@code previousDay} is the person's latest earlier entry day among those given. */
    record DayPath(String person, LocalDate day, @Nullable LocalDate previousDay, FunnelPath path) {
    }

    private FunnelDayPaths() {
    }

    /**
     * The paths of the entry days {@code first} to {@code last} (both included) from one person's rows in time order,
     * which must cover the start of {@code first} to the end of {@code last} plus the window.
     */
    static List<DayPath> of(FunnelDefinition funnel, List<FunnelRow> rows, LocalDate first, LocalDate last) {
        List<DayPath> paths = new ArrayList<>();
        @Nullable LocalDate previous = null;
        for (int i = 0; i < rows.size(); i++) {
            FunnelRow row = rows.get(i);
            LocalDate day = day(row.at());
            if (day.isBefore(first) || day.isAfter(last) || day.equals(previous) || !row.is(funnel.steps().getFirst())) {
                continue;
            }
            Instant dayEnd = start(day.plusDays(1));
            // Every message a path counts is before the end of its entry day plus the window.
            Instant until = dayEnd.plus(funnel.window());
            FunnelPath path = new FunnelPath(funnel, start(day), dayEnd);
            for (int j = i; j < rows.size() && rows.get(j).at().isBefore(until); j++) {
                path.offer(rows.get(j));
            }
            paths.add(new DayPath(row.person(), day, previous, path));
            previous = day;
        }
        return paths;
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
