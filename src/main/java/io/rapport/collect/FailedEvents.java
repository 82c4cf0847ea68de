package io.rapport.collect;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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
    private final Clock clock;
    private final Duration retention;

    FailedEvents(JdbcClient jdbc, Clock clock,
            @Value("${rapport.collect.failed-event-retention:P7D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    public void record(Source.Id source, @Nullable String field, String reason, String payload) {
        String kept = payload.length() <= MAX_PAYLOAD_CHARS ? payload : payload.substring(0, MAX_PAYLOAD_CHARS);
        jdbc.sql("""
                insert into failed_events (source_id, received_at, field, reason, payload)
                values (?, ?, ?, ?, ?)""")
                .params(source.value(), Timestamps.of(clock.instant()), field,
                        reason.length() <= 500 ? reason : reason.substring(0, 500), kept.replace('\0', '\uFFFD'))
                .update();
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
