package io.rapport.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the append-only event log: newest first for people, oldest first for consumers. */
@Service
public class EventLog {

    private final JdbcClient jdbc;
    private final RowMapper<TrackedEvent> row;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.row = (rs, n) -> new TrackedEvent(rs.getLong("seq"), new Source.Id(rs.getObject("source_id", UUID.class)),
                rs.getString("message_id"), MessageType.fromWire(rs.getString("type")).orElseThrow(),
                rs.getString("event"), rs.getString("user_id"), rs.getString("anonymous_id"),
                Timestamps.instant(rs, "occurred_at"), Timestamps.instant(rs, "received_at"),
                rs.getString("payload"));
    }

    public Page<TrackedEvent> find(EventQuery query) {
        int limit = Cursors.limit(query.limit());
        StringBuilder sql = new StringBuilder("select * from events where seq < :below");
        Map<String, Object> params = new HashMap<>();
        params.put("below", Cursors.decode(query.cursor()));
        if (query.source() != null) {
            sql.append(" and source_id = :source");
            params.put("source", query.source().value());
        }
        if (query.type() != null) {
            sql.append(" and type = :type");
            params.put("type", query.type().wireName());
        }
        if (query.userId() != null) {
            sql.append(" and user_id = :userId");
            params.put("userId", query.userId());
        }
        if (query.anonymousId() != null) {
            sql.append(" and anonymous_id = :anonymousId");
            params.put("anonymousId", query.anonymousId());
        }
        sql.append(" order by seq desc limit ").append(limit + 1);
        return Cursors.page(jdbc.sql(sql.toString()).params(params).query(row).list(), limit, TrackedEvent::seq);
    }

    /**
     * The events sent with any of these user ids or anonymous ids (one person's history when they are all of that
     * person's ids) that happened before {@code before}, or at that instant with a {@code seq} below
     * {@code beforeSeq}: at most {@code limit}, newest first by their timestamp, then by seq.
     */
    public List<TrackedEvent> ofIdentities(Collection<String> userIds, Collection<String> anonymousIds,
            Instant before, long beforeSeq, int limit) {
        if (userIds.isEmpty() && anonymousIds.isEmpty()) {
            return List.of();
        }
        List<String> matches = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!userIds.isEmpty()) {
            matches.add("user_id in (:users)");
            params.put("users", List.copyOf(userIds));
        }
        if (!anonymousIds.isEmpty()) {
            matches.add("anonymous_id in (:anonymous)");
            params.put("anonymous", List.copyOf(anonymousIds));
        }
        params.put("before", Timestamps.of(before));
        params.put("seq", beforeSeq);
        params.put("limit", limit);
        return jdbc.sql("select * from events where (" + String.join(" or ", matches) + ")"
                        + " and (occurred_at < :before or (occurred_at = :before and seq < :seq))"
                        + " order by occurred_at desc, seq desc limit :limit")
                .params(params).query(row).list();
    }

    /** Events after {@code seq} in log order: what a consumer reads next. */
    public List<TrackedEvent> after(long seq, int limit) {
        return jdbc.sql("select * from events where seq > ? order by seq limit ?").params(seq, limit).query(row).list();
    }

    /** When the first event after {@code seq} was received; empty when there is none. */
    public Optional<Instant> receivedAfter(long seq) {
        return jdbc.sql("select received_at from events where seq > ? order by seq limit 1").param(seq)
                .query((rs, n) -> Timestamps.instant(rs, "received_at")).optional();
    }

    /** The sequence number of the newest event, 0 when the log is empty. */
    public long head() {
        return jdbc.sql("select coalesce(max(seq), 0) from events").query(Long.class).single();
    }
}
