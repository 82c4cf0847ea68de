package io.rapport.feedback.internal;

import java.util.Locale;
import java.util.Map;

import io.rapport.feedback.FeedbackFilter;
import io.rapport.platform.Timestamps;

/** The SQL condition of a {@link FeedbackFilter} over {@code feedback_items i}, with its parameters. */
final class InboxQueries {

    private InboxQueries() {
    }

    static String where(FeedbackFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.language() != null) {
            where.append(" and i.language = :language");
            params.put("language", filter.language());
        }
        if (filter.sentiment() != null) {
            where.append(" and i.sentiment = :sentiment");
            params.put("sentiment", filter.sentiment().name());
        }
        if (filter.topic() != null) {
            where.append(" and exists (select 1 from feedback_item_topics t where t.item_seq = i.seq and t.topic = :topic)");
            params.put("topic", filter.topic());
        }
        if (filter.source() != null) {
            where.append(" and i.source = :source");
            params.put("source", filter.source());
        }
        if (filter.surveyId() != null) {
            where.append(" and i.survey_id = :surveyId");
            params.put("surveyId", filter.surveyId());
        }
        if (filter.from() != null) {
            where.append(" and i.received_at >= :from");
            params.put("from", Timestamps.of(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and i.received_at < :to");
            params.put("to", Timestamps.of(filter.to()));
        }
        if (filter.q() != null) {
            where.append(" and lower(i.text_body) like :q escape '\\'");
            params.put("q", "%" + filter.q().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where.toString();
    }
}
