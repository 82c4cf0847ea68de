package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.feedback.FollowUpCase;
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
 * A person's follow-up cases with their notes and emails: the cases opened for one of their identifiers, and the
 * anonymous ones whose comment or notes mention them. An erasure deletes them (and so leaves them out of the case
 * statistics).
 */
@Component
class CasePersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final CaseStore cases;

    CasePersonalData(JdbcClient jdbc, CaseStore cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    public String module() {
        return "feedback";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode list = export.putArray("followUpCases");
        for (UUID id : caseIds(subject)) {
            FollowUpCase.Id caseId = new FollowUpCase.Id(id);
            cases.find(caseId).ifPresent(found -> {
                ObjectNode item = json.valueToTree(found);
                item.set("notes", json.valueToTree(cases.notes(caseId)));
                list.add(item);
            });
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<UUID> chunk : SqlLists.chunks(caseIds(subject))) {
            counts.merge("follow_up_notes", (long) jdbc.sql("delete from follow_up_notes where case_id in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
            counts.merge("follow_up_cases", (long) jdbc.sql("delete from follow_up_cases where id in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
        }
        return ErasureCount.of(counts);
    }

    private List<UUID> caseIds(DataSubject subject) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            ids.addAll(jdbc.sql("select id from follow_up_cases where identifier in (:ids) order by number")
                    .param("ids", chunk).query(UUID.class).list());
        }
        jdbc.sql("""
                select c.id, c.comment_text, n.body, n.email_to from follow_up_cases c
                left join follow_up_notes n on n.case_id = c.id
                where c.identifier is null order by c.number""")
                .query(rs -> {
                    String text = rs.getString("comment_text") + " " + rs.getString("body") + " "
                            + rs.getString("email_to");
                    if (subject.mentionedIn(text)) {
                        ids.add(rs.getObject("id", UUID.class));
                    }
                });
        return new ArrayList<>(ids);
    }
}
