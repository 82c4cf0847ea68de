package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code survey_email_outbox} table: one row per survey mail, written in the transaction that marks its
 * invitation sent, so that a mail goes out if and only if the invitation was committed as sent. A sender takes a row
 * by moving its next attempt past a lease ({@link #take}); a sender that dies while holding it leaves it to be taken
 * again when the lease ends, the one case in which a mail may go out twice.
 */
@Component
class EmailOutbox {

    enum Status { PENDING, SENT, FAILED }

    /** A mail to send: the invitation it is for, its address, and how many attempts were made before this one. */
    record Mail(UUID invitation, String recipient, int attempts) {
    }

    private static final int MAX_ERROR_LENGTH = 1_000;

    private final JdbcClient jdbc;

    EmailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a mail for the invitation, due now; an invitation has one mail at most. */
    void add(UUID invitation, String recipient, Instant now) {
        jdbc.sql("""
                insert into survey_email_outbox (invitation_id, recipient, status, attempts, next_attempt_at, created_at)
                values (?, ?, 'PENDING', 0, ?, ?) on conflict do nothing""")
                .params(invitation, recipient, Timestamps.of(now), Timestamps.of(now)).update();
    }

    /** Pending mails whose next attempt is due, the longest waiting first. */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                select invitation_id from survey_email_outbox where status = 'PENDING' and next_attempt_at <= ?
                order by next_attempt_at limit ?""")
                .params(Timestamps.of(now), limit).query(UUID.class).list();
    }

    /**
     * Takes a due mail for one attempt, holding it until {@code leaseEnd}; empty if another sender took it first or
     * it is no longer due.
     */
    Optional<Mail> take(UUID invitation, Instant now, Instant leaseEnd) {
        int taken = jdbc.sql("""
                update survey_email_outbox set next_attempt_at = ?
                where invitation_id = ? and status = 'PENDING' and next_attempt_at <= ?""")
                .params(Timestamps.of(leaseEnd), invitation, Timestamps.of(now)).update();
        if (taken == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select invitation_id, recipient, attempts from survey_email_outbox where invitation_id = ?")
                .param(invitation)
                .query((rs, n) -> new Mail(rs.getObject("invitation_id", UUID.class), rs.getString("recipient"),
                        rs.getInt("attempts")))
                .optional();
    }

    void sent(UUID invitation, Instant at) {
        jdbc.sql("""
                update survey_email_outbox set status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = null
                where invitation_id = ?""")
                .params(Timestamps.of(at), invitation).update();
    }

    /** Records a failed attempt: tried again at {@code retryAt}, or never again ({@link Status#FAILED}) if null. */
    void failed(UUID invitation, String error, @Nullable Instant retryAt) {
        String truncated = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (retryAt == null) {
            jdbc.sql("""
                    update survey_email_outbox set status = 'FAILED', attempts = attempts + 1, last_error = ?
                    where invitation_id = ?""")
                    .params(truncated, invitation).update();
        } else {
            jdbc.sql("""
                    update survey_email_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                    where invitation_id = ?""")
                    .params(truncated, Timestamps.of(retryAt), invitation).update();
        }
    }

    /** Mails per status, for the metrics. */
    long count(Status status) {
        return jdbc.sql("select count(*) from survey_email_outbox where status = ?").param(status.name())
                .query(Long.class).single();
    }
}
