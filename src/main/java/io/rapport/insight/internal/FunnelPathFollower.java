package io.rapport.insight.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelStep;
import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps built saved funnels' paths up to date with the funnel events, in the transaction of the consumer that copies
 * them (so exactly once). A funnel's paths include every event up to its {@code paths_seq}; for the events after it,
 * each person's paths of the entry days such an event can change (its day back to the window before it) are computed
 * again from their rows, so late and out-of-order messages land where they belong.
 */
@Component
class FunnelPathFollower {

    private final SavedFunnels saved;
    private final FunnelEventRows events;
    private final FunnelPathRows paths;
    private final JdbcClient jdbc;

    FunnelPathFollower(SavedFunnels saved, FunnelEventRows events, FunnelPathRows paths, JdbcClient jdbc) {
        this.saved = saved;
        this.events = events;
        this.paths = paths;
        this.jdbc = jdbc;
    }

    /** Brings every built funnel's paths up to the last funnel event copied. */
    void follow() {
        long head = jdbc.sql("select coalesce(max(seq), 0) from insight_funnel_events").query(Long.class).single();
        for (SavedFunnel funnel : saved.list()) {
            if (!funnel.pathsReady()) {
                continue;
            }
            // Locks the funnel, so an edit waits for these paths (and then deletes them) rather than missing them.
            List<Long> seq = jdbc.sql("""
                    select paths_seq from insight_funnels where id = ? and version = ? and paths_ready for update""")
                    .params(funnel.id().value(), funnel.version()).query(Long.class).list();
            if (seq.isEmpty() || seq.getFirst() >= head) {
                continue;
            }
            follow(funnel.id(), funnel.definition(), seq.getFirst());
            jdbc.sql("update insight_funnels set paths_seq = ? where id = ?").params(head, funnel.id().value()).update();
        }
    }

    private record Touched(String person, Instant first, Instant last) {
    }

    private void follow(SavedFunnel.Id funnel, FunnelDefinition definition, long afterSeq) {
        List<Touched> touched = touched(definition.steps(), afterSeq);
        for (List<Touched> chunk : SqlLists.chunks(touched)) {
            Map<String, Touched> byPerson = chunk.stream().collect(Collectors.toMap(Touched::person, t -> t));
            // The entry days whose paths an event at t can change: day(t − window) to day(t).
            LocalDate first = chunk.stream().map(t -> FunnelDayPaths.day(t.first().minus(definition.window())))
                    .min(LocalDate::compareTo).orElseThrow();
            LocalDate last = chunk.stream().map(t -> FunnelDayPaths.day(t.last())).max(LocalDate::compareTo)
                    .orElseThrow();
            Map<String, List<FunnelRow>> rows = new LinkedHashMap<>();
            try (Stream<FunnelRow> stream = events.rowsOf(definition.steps(), byPerson.keySet(),
                    FunnelDayPaths.start(first), FunnelDayPaths.start(last.plusDays(1)).plus(definition.window()))) {
                stream.forEach(row -> rows.computeIfAbsent(row.person(), p -> new ArrayList<>()).add(row));
            }
            List<FunnelPathRows.Recomputed> recomputed = new ArrayList<>();
            for (Touched person : chunk) {
                LocalDate from = FunnelDayPaths.day(person.first().minus(definition.window()));
                LocalDate to = FunnelDayPaths.day(person.last());
                recomputed.add(new FunnelPathRows.Recomputed(person.person(), from, to, FunnelDayPaths.of(definition,
                        rows.getOrDefault(person.person(), List.of()), from, to)));
            }
            paths.replace(funnel, recomputed);
        }
    }

    /** The persons with step events after {@code afterSeq}, and the earliest and latest time of those events. */
    private List<Touched> touched(List<FunnelStep> steps, long afterSeq) {
        List<Object> params = new ArrayList<>(List.of(afterSeq));
        List<String> keys = new ArrayList<>();
        for (List<String> key : FunnelEventRows.keys(steps)) {
            keys.add(key.size() > 1 ? "(kind = ? and name = ?)" : "kind = ?");
            params.addAll(key);
        }
        return jdbc.sql("select person, min(occurred_at) as first_at, max(occurred_at) as last_at "
                        + "from insight_funnel_events where seq > ? and (" + String.join(" or ", keys) + ") group by person")
                .params(params).query((rs, n) -> new Touched(rs.getString("person"),
                        Timestamps.instant(rs, "first_at"), Timestamps.instant(rs, "last_at"))).list();
    }
}
