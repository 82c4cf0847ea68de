package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.SqlLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's items in the feedback inbox: those they wrote (by any of their identifiers) and the anonymous ones
 * whose text mentions them (an email or phone typed into a comment). An erasure deletes them with their topics.
 */
@Component
class InboxPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final InboxStore inbox;

    InboxPersonalData(JdbcClient jdbc, InboxStore inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @Override
    public String module() {
        return "feedback-inbox";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode list = export.putArray("feedbackItems");
        for (UUID id : ids(subject)) {
            inbox.get(id).ifPresent(item -> list.add(json.valueToTree(item)));
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        long topics = 0;
        long items = 0;
        for (List<UUID> chunk : SqlLists.chunks(ids(subject))) {
            topics += jdbc.sql("""
                    delete from feedback_item_topics where item_seq in (select seq from feedback_items where id in (:ids))""")
                    .param("ids", chunk).update();
            items += jdbc.sql("delete from feedback_items where id in (:ids)").param("ids", chunk).update();
        }
        return ErasureCount.of(Map.of("feedback_items", items, "feedback_item_topics", topics));
    }

    private List<UUID> ids(DataSubject subject) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            ids.addAll(jdbc.sql("select id from feedback_items where identifier in (:ids) order by seq")
                    .param("ids", chunk).query(UUID.class).list());
        }
        jdbc.sql("select id, text_body from feedback_items where identifier is null order by seq").query(rs -> {
            if (subject.mentionedIn(rs.getString("text_body"))) {
                ids.add(rs.getObject("id", UUID.class));
            }
        });
        return new ArrayList<>(ids);
    }
}
