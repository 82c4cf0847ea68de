package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.TextAnalysis;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads every stored item again after the topic rules changed, in chunks, each in its own transaction that also
 * records the progress in {@code feedback_topic_state}; items whose reading changed are stored and published again.
 * One node runs it: the one that claims the queued job. A job whose rules changed meanwhile stops, and the new
 * one starts from the beginning; a job whose node stopped is taken over once its heartbeat is
 * {@link #ABANDONED_AFTER} old.
 */
@Component
class TopicReread implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicReread.class);
    static final int CHUNK = 500;
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final InboxStore inbox;
    private final FeedbackItems items;
    private final TopicRuleService rules;
    private final TextAnalyzer analyzer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("feedback-topic-reread").daemon().factory());
    private final AtomicBoolean busy = new AtomicBoolean();

    TopicReread(JdbcClient jdbc, InboxStore inbox, FeedbackItems items, TopicRuleService rules,
            TextAnalyzer analyzer, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.items = items;
        this.rules = rules;
        this.analyzer = analyzer;
        this.transactions = transactions;
        this.clock = clock;
    }

    TopicRules.Reread status() {
        return jdbc.sql("select * from feedback_topic_state where id = 1").query((rs, n) -> new TopicRules.Reread(
                rs.getString("reread_status"), rs.getLong("reread_version"), rs.getLong("reread_total"),
                rs.getLong("reread_done"), rs.getLong("reread_changed"),
                Timestamps.nullableInstant(rs, "reread_started_at"),
                Timestamps.nullableInstant(rs, "reread_finished_at"))).single();
    }

    /** Looks for a queued (or abandoned) job now, on the worker thread. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void wake() {
        if (busy.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    Long version = claim();
                    if (version != null) {
                        run(version);
                    }
                } catch (RuntimeException e) {
                    log.error("Re-reading the feedback topics failed; it is taken up again later", e);
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    /** The rules version of the job this node now runs, if it could claim one. */
    private @Nullable Long claim() {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            int claimed = jdbc.sql("""
                    update feedback_topic_state set reread_status = 'running', reread_heartbeat_at = ?,
                        reread_started_at = coalesce(reread_started_at, ?), reread_done = 0, reread_changed = 0
                    where id = 1 and (reread_status = 'queued'
                        or (reread_status = 'running' and reread_heartbeat_at < ?))""")
                    .params(Timestamps.of(now), Timestamps.of(now), Timestamps.of(now.minus(ABANDONED_AFTER)))
                    .update();
            return claimed == 0 ? null : jdbc.sql("select reread_version from feedback_topic_state where id = 1")
                    .query(Long.class).single();
        });
    }

    private void run(long version) {
        rules.refresh();
        if (rules.loadedVersion() != version) {
            return;
        }
        long after = 0;
        while (true) {
            List<InboxStore.Stored> chunk = inbox.after(after, CHUNK);
            Instant now = clock.instant();
            List<FeedbackItem> changed = new ArrayList<>();
            for (InboxStore.Stored stored : chunk) {
                FeedbackItem item = stored.item();
                // The stored language as the hint reads the text as it was read before; only the rules differ.
                TextAnalysis analysis = analyzer.analyze(item.text(), item.analysis().language());
                if (!analysis.equals(item.analysis())) {
                    changed.add(new FeedbackItem(item.id(), item.source(), item.sourceId(), item.identifier(),
                            item.surveyId(), item.surveyType(), item.score(), item.text(), analysis, item.channel(),
                            item.orderId(), item.ticketId(), item.receivedAt(), now));
                }
            }
            boolean last = chunk.size() < CHUNK;
            Boolean going = transactions.execute(status -> {
                Long current = jdbc.sql("""
                        select reread_version from feedback_topic_state where id = 1 and reread_status = 'running'
                        for update""").query(Long.class).optional().orElse(null);
                if (current == null || current != version) {
                    return false;
                }
                items.replace(changed);
                jdbc.sql("""
                        update feedback_topic_state set reread_done = reread_done + ?, reread_changed = reread_changed + ?,
                            reread_heartbeat_at = ?, reread_status = ?, reread_finished_at = ?
                        where id = 1""")
                        .params(chunk.size(), changed.size(), Timestamps.of(now), last ? "done" : "running",
                                last ? Timestamps.of(now) : null).update();
                return true;
            });
            if (!Boolean.TRUE.equals(going) || last) {
                return;
            }
            after = chunk.getLast().seq();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
