package io.rapport.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Messages that were refused, with the reason, so a shop developer can see and fix what their tracking code
 * sends. They are kept for {@code rapport.collect.failed-event-retention}.
 */
@Service
public class FailedEvents {

    /** A stored payload is cut after this many characters; the reason says what was wrong. */
    public static final int MAX_PAYLOAD_CHARS = 32 * 1024;

    private static final RowMapper<FailedEvent> ROW = (rs, n) -> new FailedEvent(rs.getLong("id"),
            new Source.Id(rs.getObject("source_id", UUID.class)), Timestamps.instant(rs, "received_at"),
            rs.getString("field"), rs.getString("reason"), rs.getString("payload"));

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final Duration retention;

    FailedEvents(JdbcClient jdbc, JdbcTemplate batch, Clock clock,
            @Value("${rapport.collect.failed-event-retention:P7D}") Duration retention) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.retention = retention;
    }

    /** Keeps refused messages, in one batch insert. */
    public void record(Source.Id source, List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        OffsetDateTime receivedAt = Timestamps.of(clock.instant());
        batch.batchUpdate("""
                insert into failed_events (source_id, received_at, field, reason, payload)
                values (?, ?, ?, ?, ?)""", refusals, refusals.size(), (ps, refusal) -> {
            ps.setObject(1, source.value());
            ps.setObject(2, receivedAt);
            ps.setString(3, refusal.field() == null ? null : storable(refusal.field(), 100));
            ps.setString(4, storable(refusal.reason(), 500));
            ps.setString(5, storable(refusal.payload(), MAX_PAYLOAD_CHARS));
        });
    }

    /** Cut to the column's size, and without NUL, which PostgreSQL refuses in text. */
    private static String storable(String text, int maxChars) {
        String cut = text.length() <= maxChars ? text : text.substring(0, maxChars);
        return cut.replace('\0', '\uFFFD');
    }

    /** One refused message: the field to blame (if one is), why, and the payload as it was sent. */
    public record Refusal(@Nullable String field, String reason, String payload) {
    }

    /** Newest first. */
    public Page<FailedEvent> find(Source.@Nullable Id source, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        return Cursors.page(jdbc.sql("""
                select * from failed_events
                where id < :below and (cast(:source as uuid) is null or source_id = :source)
                order by id desc limit :size""")
                .param("below", Cursors.decode(cursor))
                .param("source", source == null ? null : source.value())
                .param("size", size + 1)
                .query(ROW).list(), size, FailedEvent::id);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeExpired() {
        jdbc.sql("delete from failed_events where received_at < ?")
                .param(Timestamps.of(clock.instant().minus(retention)))
                .update();
    }
}
