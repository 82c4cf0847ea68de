package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.SuggestedTopic;
import io.rapport.feedback.TextAnalyzer;
import io.rapport.feedback.TopicRule;
import io.rapport.feedback.TopicRules;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topic rules of {@code feedback_topic_rules}, handed to this node's {@link TextAnalyzer} before any text is
 * read, again whenever this node saves them, and by every node within {@code rapport.feedback.topic-rules-refresh}
 * of a change elsewhere (it compares the version in {@code feedback_topic_state}). Saving queues a re-read of the
 * stored items ({@link TopicReread}).
 */
@Service
class TopicRuleService implements TopicRules, SmartInitializingSingleton {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final int SUGGESTIONS = 30;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TextAnalyzer analyzer;
    private final InboxStore inbox;
    private final ObjectProvider<TopicReread> reread;
    private final Clock clock;
    private volatile long loadedVersion = -1;

    TopicRuleService(JdbcClient jdbc, JdbcTemplate batch, TextAnalyzer analyzer, InboxStore inbox,
            ObjectProvider<TopicReread> reread, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.analyzer = analyzer;
        this.inbox = inbox;
        this.reread = reread;
        this.clock = clock;
    }

    private record State(long version, boolean edited, Instant updatedAt) {
    }

    private State state() {
        return jdbc.sql("select version, edited, updated_at from feedback_topic_state where id = 1")
                .query((rs, n) -> new State(rs.getLong("version"), rs.getBoolean("edited"),
                        Timestamps.instant(rs, "updated_at"))).single();
    }

    @Override
    public void afterSingletonsInstantiated() {
        refresh();
    }

    /** Loads the stored rules into this node's analyzer when they changed since it last did. */
    @Scheduled(fixedDelayString = "${rapport.feedback.topic-rules-refresh:PT30S}",
            initialDelayString = "${rapport.feedback.topic-rules-refresh:PT30S}")
    void refresh() {
        Current current = current();
        if (current.version() != loadedVersion) {
            analyzer.useTopicRules(current.rules());
            loadedVersion = current.version();
        }
    }

    /** The version of the rules this node reads texts with. */
    long loadedVersion() {
        return loadedVersion;
    }

    @Override
    @Transactional(readOnly = true)
    public Current current() {
        State state = state();
        if (!state.edited()) {
            return new Current(analyzer.defaultTopicRules(), false, state.version(), null);
        }
        List<TopicRule> rules = jdbc.sql("select language, topic, keywords_json from feedback_topic_rules order by position")
                .query((rs, n) -> new TopicRule(rs.getString("language"), rs.getString("topic"),
                        JSON.readValue(rs.getString("keywords_json"), STRINGS))).list();
        return new Current(rules, true, state.version(), state.updatedAt());
    }

    @Override
    @Transactional
    public Current replace(List<Draft> drafts) {
        List<TopicRule> rules = TopicRuleChecks.check(drafts);
        Instant now = clock.instant();
        jdbc.sql("select version from feedback_topic_state where id = 1 for update").query(Long.class).single();
        jdbc.sql("delete from feedback_topic_rules").update();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            TopicRule rule = rules.get(i);
            rows.add(new Object[] {rule.language(), rule.topic(), i, JSON.writeValueAsString(rule.keywords())});
        }
        batch.batchUpdate("insert into feedback_topic_rules (language, topic, position, keywords_json) values (?, ?, ?, ?)",
                rows);
        jdbc.sql("""
                update feedback_topic_state set version = version + 1, edited = true, updated_at = ?,
                    reread_status = 'queued', reread_version = version + 1, reread_total = ?, reread_done = 0,
                    reread_changed = 0, reread_started_at = null, reread_heartbeat_at = null, reread_finished_at = null
                where id = 1""").params(Timestamps.of(now), inbox.count()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                refresh();
                reread.getObject().wake();
            }
        });
        State state = state();
        return new Current(rules, true, state.version(), state.updatedAt());
    }

    @Override
    public List<SuggestedTopic> suggestions(String language, @Nullable Instant from, @Nullable Instant to) {
        if (!TextAnalyzer.LANGUAGES.contains(language)) {
            throw ApiProblem.invalidField("language", "Rapport suggests topics in " + TextAnalyzer.LANGUAGES
                    + "; give one of them as language.");
        }
        List<String> texts = inbox.texts(new FeedbackFilter(language, null, null, null, null, from, to, null),
                MAX_SUGGESTION_TEXTS);
        // A phrase must recur: in two texts of a few, in one text of 200 of many.
        int minDocuments = Math.max(2, (texts.size() + 199) / 200);
        return analyzer.suggestTopics(texts, language, minDocuments, SUGGESTIONS);
    }

    @Override
    public Reread reread() {
        return reread.getObject().status();
    }
}
