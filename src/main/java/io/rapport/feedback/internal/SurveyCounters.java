package io.rapport.feedback.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Survey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts per survey, UTC day and metric ({@code survey_counts}): what became of invitations and offers. Counts are
 * written just before the transaction of what they count commits, so they are exact, and in one order (survey,
 * day, metric), so two transactions never wait for each other's counts the wrong way round. They hold no personal
 * data.
 */
@Component
class SurveyCounters {

    static final String INVITED = "invited";
    static final String SENT = "sent";
    static final String SHOWN = "shown";
    static final String ANSWERED = "answered";
    static final String COMPLETED = "completed";
    static final String SKIPPED = "skipped.";

    private record Key(UUID survey, LocalDate day, String metric) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::survey).thenComparing(Key::day)
            .thenComparing(Key::metric);

    private final JdbcClient jdbc;

    SurveyCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one more of {@code metric} when the current transaction commits. */
    void add(Survey.Id survey, String metric, Instant at) {
        Key key = new Key(survey.value(), LocalDate.ofInstant(at, ZoneOffset.UTC), metric);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A survey count is written with the transaction of what it counts");
        }
        @SuppressWarnings("unchecked")
        Map<Key, Long> pending = (Map<Key, Long>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Map<Key, Long> counts = new TreeMap<>(ORDER);
            TransactionSynchronizationManager.bindResource(this, counts);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    write(counts);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SurveyCounters.this);
                }
            });
            pending = counts;
        }
        pending.merge(key, 1L, Long::sum);
    }

    void skipped(Survey.Id survey, SkipReason reason, Instant at) {
        add(survey, SKIPPED + reason.wireName(), at);
    }

    private void write(Map<Key, Long> counts) {
        counts.forEach((key, n) -> {
            // Insert-then-add: two writers of a new row cannot both insert it, and neither loses its count.
            jdbc.sql("""
                    insert into survey_counts (survey_id, on_date, metric, total) values (?, ?, ?, 0)
                    on conflict do nothing""")
                    .params(key.survey(), key.day(), key.metric()).update();
            jdbc.sql("update survey_counts set total = total + ? where survey_id = ? and on_date = ? and metric = ?")
                    .params(n, key.survey(), key.day(), key.metric()).update();
        });
    }

    /** Totals per metric over the days {@code from} to {@code to}, both included. */
    Map<String, Long> totals(Survey.Id survey, LocalDate from, LocalDate to) {
        Map<String, Long> totals = new TreeMap<>();
        jdbc.sql("""
                select metric, sum(total) as total from survey_counts
                where survey_id = ? and on_date between ? and ? group by metric""")
                .params(survey.value(), from, to)
                .query(rs -> {
                    totals.put(rs.getString("metric"), rs.getLong("total"));
                });
        return totals;
    }
}
