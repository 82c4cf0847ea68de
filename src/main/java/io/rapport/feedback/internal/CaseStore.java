package io.rapport.feedback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.feedback.CaseNote;
import io.rapport.feedback.CaseStatus;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.FollowUpRule;
import io.rapport.feedback.Sentiment;
import io.rapport.feedback.SurveyType;
import io.rapport.platform.Timestamps;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of follow-up cases ({@code follow_up_cases}) and their notes ({@code follow_up_notes}). */
@Component
class CaseStore {

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;

    CaseStore(JdbcClient jdbc, Users users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /** A case as stored, before its owner's email is looked up. */
    record Row(FollowUpCase.Id id, long number, String triggerKey, @Nullable String identifier,
            @Nullable String locale, FollowUpCase.Trigger trigger, User.@Nullable Id owner, CaseStatus status,
            int version, Instant dueAt, Instant openedAt, @Nullable Instant contactedAt, @Nullable Instant resolvedAt,
            Instant updatedAt) {
    }

    /**
     * Stores a new case unless one exists for its trigger key; the number it got, or nothing when the key was
     * taken (by a concurrent opening: the database decides).
     */
    Optional<Long> insert(Row row) {
        FollowUpCase.Trigger t = row.trigger();
        int inserted = jdbc.sql("""
                insert into follow_up_cases (id, trigger_key, rule_kind, identifier, locale, source, source_id,
                    survey_id, survey_type, score, comment_text, sentiment, sentiment_score, order_id, owner_user_id,
                    status, version, due_at, opened_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                on conflict do nothing""")
                .params(row.id().value(), row.triggerKey(), t.rule().name(), row.identifier(), row.locale(),
                        t.source(), t.sourceId(), t.surveyId(), t.surveyType() == null ? null : t.surveyType().name(),
                        t.score(), t.comment(), t.sentiment() == null ? null : t.sentiment().name(), t.sentimentScore(),
                        t.orderId(), row.owner() == null ? null : row.owner().value(), CaseStatus.OPEN.name(),
                        Timestamps.of(row.dueAt()), Timestamps.of(row.openedAt()), Timestamps.of(row.openedAt()))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select number from follow_up_cases where id = ?").param(row.id().value())
                .query(Long.class).single());
    }

    /** The case opened by this trigger, locked until the transaction ends. */
    Optional<Row> lockByTrigger(String triggerKey) {
        return jdbc.sql("select * from follow_up_cases where trigger_key = ? for update").param(triggerKey)
                .query(CaseStore::row).optional();
    }

    /** The case, locked until the transaction ends. */
    Optional<Row> lock(FollowUpCase.Id id) {
        return jdbc.sql("select * from follow_up_cases where id = ? for update").param(id.value())
                .query(CaseStore::row).optional();
    }

    Instant now() {
        return clock.instant();
    }

    Optional<FollowUpCase> find(FollowUpCase.Id id) {
        return jdbc.sql("select * from follow_up_cases where id = ?").param(id.value()).query(CaseStore::row)
                .optional().map(this::toCase);
    }

    /** Writes the row's owner, due time, status, timestamps and trigger, one version on. */
    void update(Row row) {
        FollowUpCase.Trigger t = row.trigger();
        jdbc.sql("""
                update follow_up_cases set owner_user_id = ?, due_at = ?, status = ?, contacted_at = ?, resolved_at = ?,
                    score = ?, comment_text = ?, sentiment = ?, sentiment_score = ?, version = version + 1,
                    updated_at = ?
                where id = ?""")
                .params(row.owner() == null ? null : row.owner().value(), Timestamps.of(row.dueAt()),
                        row.status().name(), Timestamps.of(row.contactedAt()), Timestamps.of(row.resolvedAt()),
                        t.score(), t.comment(), t.sentiment() == null ? null : t.sentiment().name(),
                        t.sentimentScore(), Timestamps.of(clock.instant()), row.id().value())
                .update();
    }

    Page<FollowUpCase> find(FollowUpCases.Query query) {
        int limit = Cursors.limit(query.limit());
        StringBuilder sql = new StringBuilder("select * from follow_up_cases where number < :below");
        Map<String, Object> params = new HashMap<>();
        params.put("below", Cursors.decode(query.cursor()));
        if (query.status() != null) {
            sql.append(" and status = :status");
            params.put("status", query.status().name());
        }
        if (query.owner() != null) {
            sql.append(" and owner_user_id = :owner");
            params.put("owner", query.owner().value());
        }
        if (query.overdue() != null) {
            sql.append(query.overdue() ? " and status <> 'RESOLVED' and due_at < :now"
                    : " and (status = 'RESOLVED' or due_at >= :now)");
            params.put("now", Timestamps.of(clock.instant()));
        }
        if (query.from() != null) {
            sql.append(" and opened_at >= :from");
            params.put("from", Timestamps.of(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and opened_at < :to");
            params.put("to", Timestamps.of(query.to()));
        }
        sql.append(" order by number desc limit ").append(limit + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(CaseStore::row).list();
        Page<Row> page = Cursors.page(rows, limit, Row::number);
        Map<User.Id, String> emails = new HashMap<>();
        users.list().forEach(user -> emails.put(user.id(), user.email()));
        return new Page<>(page.items().stream().map(row -> toCase(row, emails::get)).toList(), page.next());
    }

    FollowUpCase toCase(Row row) {
        return toCase(row, owner -> users.find(owner).map(User::email).orElse(null));
    }

    private FollowUpCase toCase(Row row, Function<User.Id, @Nullable String> emailOf) {
        FollowUpCase.Owner owner = row.owner() == null ? null
                : new FollowUpCase.Owner(row.owner(), emailOf.apply(row.owner()));
        boolean overdue = row.status() != CaseStatus.RESOLVED && row.dueAt().isBefore(clock.instant());
        return new FollowUpCase(row.id(), row.number(), row.identifier(), row.locale(), row.trigger(), owner,
                row.status(), row.version(), row.dueAt(), overdue, row.openedAt(), row.contactedAt(),
                row.resolvedAt(), row.updatedAt());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String surveyType = rs.getString("survey_type");
        String sentiment = rs.getString("sentiment");
        UUID owner = rs.getObject("owner_user_id", UUID.class);
        FollowUpCase.Trigger trigger = new FollowUpCase.Trigger(FollowUpRule.Kind.valueOf(rs.getString("rule_kind")),
                rs.getString("source"), rs.getString("source_id"), rs.getObject("survey_id", UUID.class),
                surveyType == null ? null : SurveyType.valueOf(surveyType), rs.getObject("score", Integer.class),
                rs.getString("comment_text"), sentiment == null ? null : Sentiment.valueOf(sentiment),
                rs.getObject("sentiment_score", Double.class), rs.getString("order_id"));
        return new Row(new FollowUpCase.Id(rs.getObject("id", UUID.class)), rs.getLong("number"),
                rs.getString("trigger_key"), rs.getString("identifier"), rs.getString("locale"), trigger,
                owner == null ? null : new User.Id(owner), CaseStatus.valueOf(rs.getString("status")),
                rs.getInt("version"), Timestamps.instant(rs, "due_at"), Timestamps.instant(rs, "opened_at"),
                Timestamps.nullableInstant(rs, "contacted_at"), Timestamps.nullableInstant(rs, "resolved_at"),
                Timestamps.instant(rs, "updated_at"));
    }

    CaseNote addNote(FollowUpCase.Id id, CaseNote.Kind kind, @Nullable String author, String text,
            @Nullable String emailTo, @Nullable String emailSubject) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into follow_up_notes (case_id, kind, author, written_at, body, email_to, email_subject)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), kind.name(), author, Timestamps.of(now), text, emailTo, emailSubject).update();
        long seq = jdbc.sql("select max(seq) from follow_up_notes where case_id = ?").param(id.value())
                .query(Long.class).single();
        return new CaseNote(seq, kind, author, now, text, emailTo, emailSubject);
    }

    List<CaseNote> notes(FollowUpCase.Id id) {
        return jdbc.sql("select * from follow_up_notes where case_id = ? order by seq").param(id.value())
                .query((rs, n) -> new CaseNote(rs.getLong("seq"), CaseNote.Kind.valueOf(rs.getString("kind")),
                        rs.getString("author"), Timestamps.instant(rs, "written_at"), rs.getString("body"),
                        rs.getString("email_to"), rs.getString("email_subject")))
                .list();
    }

    long countNotes(FollowUpCase.Id id, CaseNote.@Nullable Kind kind) {
        return kind == null
                ? jdbc.sql("select count(*) from follow_up_notes where case_id = ?").param(id.value())
                        .query(Long.class).single()
                : jdbc.sql("select count(*) from follow_up_notes where case_id = ? and kind = ?")
                        .params(id.value(), kind.name()).query(Long.class).single();
    }

    /** Opening, first-contact and resolution times of the cases with any of them in {@code [from, to)}. */
    List<Times> times(Instant from, Instant to) {
        return jdbc.sql("""
                select opened_at, contacted_at, resolved_at from follow_up_cases
                where (opened_at >= :from and opened_at < :to) or (contacted_at >= :from and contacted_at < :to)
                   or (resolved_at >= :from and resolved_at < :to)""")
                .param("from", Timestamps.of(from)).param("to", Timestamps.of(to))
                .query((rs, n) -> new Times(Timestamps.instant(rs, "opened_at"),
                        Timestamps.nullableInstant(rs, "contacted_at"), Timestamps.nullableInstant(rs, "resolved_at")))
                .list();
    }

    record Times(Instant openedAt, @Nullable Instant contactedAt, @Nullable Instant resolvedAt) {
    }

    /** Cases not resolved now, and those of them past their due time. */
    long[] openAndOverdue() {
        Instant now = clock.instant();
        return jdbc.sql("""
                select count(*) as open_cases, coalesce(sum(case when due_at < ? then 1 else 0 end), 0) as overdue
                from follow_up_cases where status <> 'RESOLVED'""")
                .param(Timestamps.of(now))
                .query((rs, n) -> new long[] {rs.getLong("open_cases"), rs.getLong("overdue")}).single();
    }
}
