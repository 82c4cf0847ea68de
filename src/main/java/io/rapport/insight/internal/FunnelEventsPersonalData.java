package io.rapport.insight.internal;

import java.util.List;
import java.util.Map;

import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The funnel events name people by identifier: an export lists them, an erasure deletes them and the saved funnels'
 * paths computed from them (funnels computed afterwards no longer count the person). Saved funnels and the event
 * names seen hold no personal data.
 */
@Component
class FunnelEventsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    FunnelEventsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "insight";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        ObjectNode export = JsonMapper.shared().createObjectNode();
        ArrayNode events = export.putArray("funnelEvents");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select seq, kind, name, person, occurred_at, channel, device, campaign, properties
                    from insight_funnel_events where person in (:ids) order by occurred_at, seq""")
                    .param("ids", chunk)
                    .query(rs -> {
                        ObjectNode event = events.addObject().put("seq", rs.getLong("seq"))
                                .put("kind", rs.getString("kind")).put("name", rs.getString("name"))
                                .put("identifier", rs.getString("person"))
                                .put("at", Timestamps.instant(rs, "occurred_at").toString())
                                .put("channel", rs.getString("channel")).put("device", rs.getString("device"))
                                .put("campaign", rs.getString("campaign"));
                        String properties = rs.getString("properties");
                        event.set("properties", properties == null ? null : JsonMapper.shared().readTree(properties));
                    });
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        long deleted = 0;
        long paths = 0;
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            deleted += jdbc.sql("delete from insight_funnel_events where person in (:ids)").param("ids", chunk).update();
            paths += jdbc.sql("delete from insight_funnel_paths where person in (:ids)").param("ids", chunk).update();
        }
        // A build under way may have read the person's events already: it starts again without them.
        jdbc.sql("update insight_funnels set version = version + 1 where not paths_ready").update();
        return ErasureCount.of(Map.of("insight_funnel_events", deleted, "insight_funnel_paths", paths));
    }
}
