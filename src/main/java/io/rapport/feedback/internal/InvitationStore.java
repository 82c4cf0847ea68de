package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.InvitationStatus;
import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Survey;
import io.rapport.platform.Secrets;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code survey_invitations} table. */
@Component
class InvitationStore {

    private static final RowMapper<Invitation> ROW = (rs, n) -> new Invitation(rs.getObject("id", UUID.class),
            new Survey.Id(rs.getObject("survey_id", UUID.class)), rs.getString("channel"), rs.getString("identifier"),
            InvitationStatus.valueOf(rs.getString("status")),
            rs.getString("skip_reason") == null ? null : SkipReason.valueOf(rs.getString("skip_reason")),
            rs.getString("locale"), rs.getString("order_id"), rs.getString("ticket_id"),
            Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "due_at"),
            Timestamps.nullableInstant(rs, "contacted_at"));

    private final JdbcClient jdbc;

    InvitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new invitation unless one of the survey was stored with the same key already; answers whether it was
     * stored. The key is kept as a SHA-256 hash: fixed in length, and free of the ids it is made of.
     */
    boolean insert(Invitation invitation, String key) {
        return jdbc.sql("""
                insert into survey_invitations (id, survey_id, trigger_key, identifier, channel, status, skip_reason,
                    locale, order_id, ticket_id, created_at, due_at, contacted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(invitation.token(), invitation.surveyId().value(),
                        Secrets.sha256(key),
                        invitation.identifier(), invitation.channel(), invitation.status().name(),
                        invitation.skipReason() == null ? null : invitation.skipReason().name(), invitation.locale(),
                        invitation.orderId(), invitation.ticketId(), Timestamps.of(invitation.createdAt()),
                        Timestamps.of(invitation.dueAt()), Timestamps.of(invitation.contactedAt()))
                .update() > 0;
    }

    Optional<Invitation> find(UUID token) {
        return jdbc.sql("select * from survey_invitations where id = ?").param(token).query(ROW).optional();
    }

    /** The invitation, locked until the transaction ends. */
    Optional<Invitation> lock(UUID token) {
        return jdbc.sql("select * from survey_invitations where id = ? for update").param(token).query(ROW).optional();
    }

    /** Invitations of these people waiting on {@code channel} and due by {@code now}, the earliest due first. */
    List<Invitation> waiting(Collection<String> identifiers, String channel, Instant now) {
        List<Invitation> waiting = new ArrayList<>();
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            waiting.addAll(jdbc.sql("""
                    select * from survey_invitations
                    where identifier in (:ids) and channel = :channel and status = 'SCHEDULED' and due_at <= :now""")
                    .param("ids", chunk).param("channel", channel).param("now", Timestamps.of(now))
                    .query(ROW).list());
        }
        waiting.sort((a, b) -> a.dueAt().compareTo(b.dueAt()));
        return waiting;
    }

    /** Tokens of scheduled invitations on these channels due by {@code now}, the earliest first. */
    List<UUID> due(Collection<String> channels, Instant now, int limit) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id from survey_invitations
                where status = 'SCHEDULED' and due_at <= :now and channel in (:channels)
                order by due_at, seq limit :limit""")
                .param("now", Timestamps.of(now)).param("channels", List.copyOf(channels)).param("limit", limit)
                .query(UUID.class).list();
    }

    /** Tokens of scheduled invitations of any channel that fell due before {@code dueBefore}. */
    List<UUID> overdue(Instant dueBefore, int limit) {
        return jdbc.sql("""
                select id from survey_invitations where status = 'SCHEDULED' and due_at < ? order by due_at, seq limit ?""")
                .params(Timestamps.of(dueBefore), limit).query(UUID.class).list();
    }

    void contacted(UUID token, InvitationStatus status, Instant at) {
        jdbc.sql("update survey_invitations set status = ?, contacted_at = ? where id = ?")
                .params(status.name(), Timestamps.of(at), token).update();
    }

    void skipped(UUID token, SkipReason reason) {
        jdbc.sql("update survey_invitations set status = 'SKIPPED', skip_reason = ? where id = ?")
                .params(reason.name(), token).update();
    }

    /** When any survey reached one of these identifiers: the contacts throttling counts. */
    List<ThrottlePolicy.Contact> contacts(Collection<String> identifiers) {
        List<ThrottlePolicy.Contact> contacts = new ArrayList<>();
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            contacts.addAll(jdbc.sql("""
                    select survey_id, contacted_at from survey_invitations
                    where identifier in (:ids) and contacted_at is not null""")
                    .param("ids", chunk)
                    .query((rs, n) -> new ThrottlePolicy.Contact(rs.getObject("survey_id", UUID.class),
                            Timestamps.instant(rs, "contacted_at")))
                    .list());
        }
        return contacts;
    }

    boolean anyOf(Survey.Id survey) {
        return jdbc.sql("select count(*) from survey_invitations where survey_id = ?").param(survey.value())
                .query(Long.class).single() > 0;
    }

    private record Row(long seq, Invitation invitation) {
    }

    Page<Invitation> list(Survey.Id survey, @Nullable InvitationStatus status, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        Map<String, Object> params = new HashMap<>();
        params.put("survey", survey.value());
        params.put("below", Cursors.decode(cursor));
        params.put("limit", size + 1);
        String filter = "";
        if (status != null) {
            filter = " and status = :status";
            params.put("status", status.name());
        }
        List<Row> rows = jdbc.sql("select * from survey_invitations where survey_id = :survey and seq < :below" + filter
                        + " order by seq desc limit :limit")
                .params(params).query((rs, n) -> new Row(rs.getLong("seq"), ROW.mapRow(rs, n))).list();
        Page<Row> page = Cursors.page(rows, size, Row::seq);
        return new Page<>(page.items().stream().map(Row::invitation).toList(), page.next());
    }
}
