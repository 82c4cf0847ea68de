package io.rapport.collect;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.platform.Timestamps;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts stored events per source, type and hour: the first consumer of the event log. */
@Component
@Order(0)
public class HourlyEventCounts implements EventConsumer {

    public record Count(Source.Id source, MessageType type, Instant hour, long events) {
    }

    private record Key(UUID source, String type, Instant hour) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = source.compareTo(o.source);
            c = c != 0 ? c : type.compareTo(o.type);
            return c != 0 ? c : hour.compareTo(o.hour);
        }
    }

    private final JdbcClient jdbc;

    HourlyEventCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "collect.hourly-counts";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        // Sorted keys: every writer touches rows in the same order, so concurrent nodes cannot deadlock.
        Map<Key, Long> counts = new TreeMap<>();
        for (TrackedEvent e : events) {
            counts.merge(new Key(e.sourceId().value(), e.type().wireName(),
                    e.receivedAt().truncatedTo(ChronoUnit.HOURS)), 1L, Long::sum);
        }
        counts.forEach((key, n) -> {
            int updated = jdbc.sql("""
                    update event_counts_hourly set events = events + ?
                    where source_id = ? and type = ? and hour_start = ?""")
                    .params(n, key.source(), key.type(), Timestamps.of(key.hour())).update();
            if (updated == 0) {
                jdbc.sql("insert into event_counts_hourly (source_id, type, hour_start, events) values (?, ?, ?, ?)")
                        .params(key.source(), key.type(), Timestamps.of(key.hour()), n).update();
            }
        });
    }

    /** Counts of the hours starting at or after {@code since}, oldest first. */
    public List<Count> since(Instant since) {
        return jdbc.sql("""
                select source_id, type, hour_start, events from event_counts_hourly
                where hour_start >= ? order by hour_start, source_id, type""")
                .param(Timestamps.of(since.truncatedTo(ChronoUnit.HOURS)))
                .query((rs, n) -> new Count(new Source.Id(rs.getObject("source_id", UUID.class)),
                        MessageType.fromWire(rs.getString("type")).orElseThrow(),
                        Timestamps.instant(rs, "hour_start"), rs.getLong("events")))
                .list();
    }
}
