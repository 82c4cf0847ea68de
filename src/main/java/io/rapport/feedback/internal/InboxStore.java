package io.rapport.feedback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.feedback.FeedbackFilter;
import io.rapport.feedback.FeedbackItem;
import io.rapport.feedback.FeedbackSummary;
import io.rapport.feedback.Sentiment;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.TextAnalysis;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows of the feedback inbox: {@code feedback_items} and their {@code feedback_item_topics}. */
@Component
class InboxStore {

    /** Topics per summary: the chart shows the most frequent. */
    static final int MAX_SUMMARY_TOPICS = 50;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    InboxStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A stored item and its position in the table. */
    record Stored(long seq, FeedbackItem item) {
    }

    /** The stored items of one source with these source ids, by source id; locked until the transaction ends. */
    Map<String, Stored> lock(String source, Collection<String> sourceIds) {
        return read(source, sourceIds, " for update");
    }

    /** The stored items of one source with these source ids, by source id. */
    Map<String, Stored> read(String source, Collection<String> sourceIds) {
        return read(source, sourceIds, "");
    }

    private Map<String, Stored> read(String source, Collection<String> sourceIds, String locking) {
        Map<String, Stored> found = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(sourceIds)) {
            jdbc.sql("select * from feedback_items i where source = :source and source_id in (:ids)" + locking)
                    .param("source", source).param("ids", chunk).query(InboxStore::stored).list()
                    .forEach(s -> found.put(s.item().sourceId(), s));
        }
        return found;
    }

    void insert(List<FeedbackItem> items) {
        if (items.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into feedback_items (id, source, source_id, identifier, survey_id, survey_type, score, text_body,
                    language, sentiment, sentiment_score, topics, channel, order_id, ticket_id, received_at, analysed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                items.stream().map(i -> new Object[] {i.id(), i.source(), i.sourceId(), i.identifier(), i.surveyId(),
                        i.surveyType() == null ? null : i.surveyType().name(), i.score(), i.text(),
                        i.analysis().language(), i.analysis().sentiment().name(), i.analysis().score(),
                        String.join(",", i.analysis().topics()), i.channel(), i.orderId(), i.ticketId(),
                        Timestamps.of(i.receivedAt()), Timestamps.of(i.analysedAt())}).toList());
        insertTopics(items);
    }

    void update(List<FeedbackItem> items) {
        if (items.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                update feedback_items set identifier = ?, survey_id = ?, survey_type = ?, score = ?, text_body = ?,
                    language = ?, sentiment = ?, sentiment_score = ?, topics = ?, channel = ?, order_id = ?,
                    ticket_id = ?, received_at = ?, analysed_at = ?
                where id = ?""",
                items.stream().map(i -> new Object[] {i.identifier(), i.surveyId(),
                        i.surveyType() == null ? null : i.surveyType().name(), i.score(), i.text(),
                        i.analysis().language(), i.analysis().sentiment().name(), i.analysis().score(),
                        String.join(",", i.analysis().topics()), i.channel(), i.orderId(), i.ticketId(),
                        Timestamps.of(i.receivedAt()), Timestamps.of(i.analysedAt()), i.id()}).toList());
        batch.batchUpdate("delete from feedback_item_topics where item_seq = (select seq from feedback_items where id = ?)",
                items.stream().map(i -> new Object[] {i.id()}).toList());
        insertTopics(items);
    }

    private void insertTopics(List<FeedbackItem> items) {
        List<Object[]> rows = new ArrayList<>();
        for (FeedbackItem item : items) {
            for (String topic : item.analysis().topics().stream().distinct().toList()) {
                rows.add(new Object[] {topic, Timestamps.of(item.receivedAt()), item.id()});
            }
        }
        batch.batchUpdate("""
                insert into feedback_item_topics (item_seq, topic, received_at)
                select seq, ?, ? from feedback_items where id = ?""", rows);
    }

    Optional<FeedbackItem> get(UUID id) {
        return jdbc.sql("select * from feedback_items i where id = ?").param(id).query(InboxStore::stored).optional()
                .map(Stored::item);
    }

    Page<FeedbackItem> find(FeedbackFilter filter, int limit, @Nullable String cursor) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select * from feedback_items i where ")
                .append(InboxQueries.where(filter, params));
        if (cursor != null && !cursor.isBlank()) {
            Cursors.Position below = Cursors.Position.decode(cursor);
            sql.append(" and (i.received_at < :at or (i.received_at = :at and i.seq < :seq))");
            params.put("at", Timestamps.of(below.at()));
            params.put("seq", below.key());
        }
        sql.append(" order by i.received_at desc, i.seq desc limit ").append(limit + 1);
        List<Stored> rows = jdbc.sql(sql.toString()).params(params).query(InboxStore::stored).list();
        if (rows.size() <= limit) {
            return new Page<>(rows.stream().map(Stored::item).toList(), null);
        }
        Stored last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit).stream().map(Stored::item).toList(),
                new Cursors.Position(last.item().receivedAt(), last.seq(), "").encode());
    }

    /** Every item of the filter, newest first, a page of {@code pageSize} at a time. */
    void forEach(FeedbackFilter filter, int pageSize, Consumer<FeedbackItem> action) {
        String cursor = null;
        do {
            Page<FeedbackItem> page = find(filter, pageSize, cursor);
            page.items().forEach(action);
            cursor = page.next();
        } while (cursor != null);
    }

    FeedbackSummary summary(FeedbackFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = InboxQueries.where(filter, params);
        String day = "cast(i.received_at at time zone 'UTC' as date)";
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.sql("select " + day + " as received_day, i.sentiment, count(*) as items from feedback_items i where "
                        + where + " group by " + day + ", i.sentiment")
                .params(params).query(rs -> {
                    long[] counts = days.computeIfAbsent(rs.getObject("received_day", LocalDate.class),
                            d -> new long[3]);
                    counts[Sentiment.valueOf(rs.getString("sentiment")).ordinal()] += rs.getLong("items");
                });
        List<FeedbackSummary.Count> topics = jdbc.sql("""
                        select t.topic as name, count(*) as items from feedback_item_topics t
                        join feedback_items i on i.seq = t.item_seq where %s
                        group by t.topic order by count(*) desc, t.topic limit %d""".formatted(where, MAX_SUMMARY_TOPICS))
                .params(params).query(InboxStore::countRow).list();
        List<FeedbackSummary.Count> languages = jdbc.sql("""
                        select i.language as name, count(*) as items from feedback_items i where %s
                        group by i.language order by count(*) desc, i.language""".formatted(where))
                .params(params).query(InboxStore::countRow).list();
        long total = days.values().stream().flatMapToLong(Arrays::stream).sum();
        return new FeedbackSummary(total, days.entrySet().stream().map(e -> new FeedbackSummary.Day(e.getKey(),
                e.getValue()[Sentiment.NEGATIVE.ordinal()], e.getValue()[Sentiment.NEUTRAL.ordinal()],
                e.getValue()[Sentiment.POSITIVE.ordinal()])).toList(), topics, languages);
    }

    /** The newest texts of a language received in the filter's period, at most {@code limit}. */
    List<String> texts(FeedbackFilter filter, int limit) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select i.text_body from feedback_items i where " + InboxQueries.where(filter, params)
                        + " order by i.received_at desc, i.seq desc limit " + limit)
                .params(params).query(String.class).list();
    }

    /** Up to {@code limit} items after position {@code afterSeq}, in table order (for re-reading them all). */
    List<Stored> after(long afterSeq, int limit) {
        return jdbc.sql("select * from feedback_items i where seq > ? order by seq limit " + limit).param(afterSeq)
                .query(InboxStore::stored).list();
    }

    long count() {
        return jdbc.sql("select count(*) from feedback_items").query(Long.class).single();
    }

    private static FeedbackSummary.Count countRow(ResultSet rs, int n) throws SQLException {
        return new FeedbackSummary.Count(rs.getString("name"), rs.getLong("items"));
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        String topics = rs.getString("topics");
        String surveyType = rs.getString("survey_type");
        return new Stored(rs.getLong("seq"), new FeedbackItem(rs.getObject("id", UUID.class), rs.getString("source"),
                rs.getString("source_id"), rs.getString("identifier"), rs.getObject("survey_id", UUID.class),
                surveyType == null ? null : SurveyType.valueOf(surveyType), rs.getObject("score", Integer.class),
                rs.getString("text_body"), new TextAnalysis(rs.getString("language"),
                        Sentiment.valueOf(rs.getString("sentiment")), rs.getDouble("sentiment_score"),
                        topics.isEmpty() ? List.of() : List.of(topics.split(","))),
                rs.getString("channel"), rs.getString("order_id"), rs.getString("ticket_id"),
                Timestamps.instant(rs, "received_at"), Timestamps.instant(rs, "analysed_at")));
    }
}
