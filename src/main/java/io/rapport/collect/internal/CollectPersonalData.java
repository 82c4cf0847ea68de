package io.rapport.collect.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's messages: the events sent with one of their user ids or anonymous ids, and the failed events that
 * mention them. The event log is append-only for everyone else; an erasure is the one reason rows leave it.
 * <p>
 * Before an erasure reads the person's identifiers it locks every consumer checkpoint: no consumer is then
 * halfway through a batch that holds the person's events (and could still add identifiers to them), and none
 * can project those events again after the erasure commits. Taking these locks first keeps the order the
 * consumers use (checkpoint, then their own tables), so an erasure and a consumer never deadlock.
 */
@Component
class CollectPersonalData implements PersonalData {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;

    CollectPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "collect";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode events = export.putArray("events");
        if (!subject.userIds().isEmpty() || !subject.anonymousIds().isEmpty()) {
            jdbc.sql("select seq, source_id, received_at, payload from events where " + byIdentity(subject)
                            + " order by seq")
                    .params(identityParams(subject))
                    .query(rs -> {
                        ObjectNode event = events.addObject();
                        event.put("seq", rs.getLong("seq"));
                        event.put("sourceId", rs.getString("source_id"));
                        event.put("receivedAt", Timestamps.instant(rs, "received_at").toString());
                        event.set("message", json.readTree(rs.getString("payload")));
                    });
        }
        ArrayNode failed = export.putArray("failedEvents");
        for (FailedRow row : failedMentioning(subject)) {
            ObjectNode event = failed.addObject();
            event.put("id", row.id());
            event.put("sourceId", row.sourceId());
            event.put("receivedAt", row.receivedAt());
            event.put("reason", row.reason());
            // Refused messages may not be JSON at all: kept as the text that was sent.
            event.put("payload", row.payload());
        }
        ArrayNode rejected = export.putArray("rejectedImportRows");
        for (RejectedRow row : rejectedRowsMentioning(subject)) {
            rejected.addObject().put("importId", row.jobId()).put("row", row.rowNo()).put("reason", row.reason())
                    .put("line", row.line());
        }
        return export;
    }

    @Override
    public void beforeErasure() {
        jdbc.sql("select consumer from consumer_checkpoints order by consumer for update").query(String.class).list();
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        long events = 0;
        if (!subject.userIds().isEmpty() || !subject.anonymousIds().isEmpty()) {
            events = jdbc.sql("delete from events where " + byIdentity(subject)).params(identityParams(subject))
                    .update();
        }
        List<Long> failed = failedMentioning(subject).stream().map(FailedRow::id).toList();
        for (int i = 0; i < failed.size(); i += PAGE) {
            jdbc.sql("delete from failed_events where id in (:ids)")
                    .param("ids", failed.subList(i, Math.min(failed.size(), i + PAGE))).update();
        }
        List<RejectedRow> rejected = rejectedRowsMentioning(subject);
        for (RejectedRow row : rejected) {
            jdbc.sql("delete from import_rejected_rows where job_id = ? and row_no = ?")
                    .params(UUID.fromString(row.jobId()), row.rowNo()).update();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", events);
        counts.put("failed_events", (long) failed.size());
        counts.put("import_rejected_rows", (long) rejected.size());
        return ErasureCount.of(counts);
    }

    private static String byIdentity(DataSubject subject) {
        List<String> matches = new ArrayList<>();
        if (!subject.userIds().isEmpty()) {
            matches.add("user_id in (:users)");
        }
        if (!subject.anonymousIds().isEmpty()) {
            matches.add("anonymous_id in (:anonymous)");
        }
        return "(" + String.join(" or ", matches) + ")";
    }

    private static Map<String, Object> identityParams(DataSubject subject) {
        Map<String, Object> params = new HashMap<>();
        if (!subject.userIds().isEmpty()) {
            params.put("users", subject.userIds());
        }
        if (!subject.anonymousIds().isEmpty()) {
            params.put("anonymous", subject.anonymousIds());
        }
        return params;
    }

    private record RejectedRow(String jobId, long rowNo, String reason, String line) {
    }

    /**
     * Rejected import rows are raw lines (CSV or NDJSON): a person shows in one as quoted text, or as a bare CSV
     * field equal to one of their ids (a CustomerID column).
     */
    private List<RejectedRow> rejectedRowsMentioning(DataSubject subject) {
        Set<String> ids = new HashSet<>(subject.userIds());
        ids.addAll(subject.anonymousIds());
        List<RejectedRow> matches = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<RejectedRow> page = jdbc.sql("""
                    select job_id, row_no, reason, line from import_rejected_rows
                    order by job_id, row_no limit ? offset ?""")
                    .params(PAGE, offset)
                    .query((rs, n) -> new RejectedRow(rs.getString("job_id"), rs.getLong("row_no"),
                            rs.getString("reason"), rs.getString("line")))
                    .list();
            page.stream().filter(row -> subject.mentionedIn(row.line()) || Arrays.stream(row.line().split("[,;\\t]"))
                    .map(field -> field.strip().replace("\"", "")).anyMatch(ids::contains))
                    .forEach(matches::add);
            if (page.size() < PAGE) {
                return matches;
            }
        }
    }

    private record FailedRow(long id, String sourceId, String receivedAt, String reason, String payload) {
    }

    /**
     * Failed events are free text (they were refused, often because they are not valid messages), kept for days
     * only: they are read page by page and matched in Java, where a phone number can be recognised in any
     * spelling.
     */
    private List<FailedRow> failedMentioning(DataSubject subject) {
        List<FailedRow> matches = new ArrayList<>();
        long after = 0;
        while (true) {
            List<FailedRow> page = jdbc.sql("""
                    select id, source_id, received_at, reason, payload from failed_events
                    where id > ? order by id limit ?""")
                    .params(after, PAGE)
                    .query((rs, n) -> new FailedRow(rs.getLong("id"), rs.getString("source_id"),
                            Timestamps.instant(rs, "received_at").toString(), rs.getString("reason"),
                            rs.getString("payload")))
                    .list();
            page.stream().filter(row -> subject.mentionedIn(row.payload())).forEach(matches::add);
            if (page.size() < PAGE) {
                return matches;
            }
            after = page.getLast().id();
        }
    }
}
