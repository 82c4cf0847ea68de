package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

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
 * The active periods kept for active users, lifecycle and visitor retention name people by identifier: an export
 * lists the days each identifier was active and where, an erasure takes the person out of every count (as if they had
 * never been active) and deletes their rows. The counts themselves hold no personal data.
 */
@Component
class ActivityPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ActivityRollups rollups;

    ActivityPersonalData(JdbcClient jdbc, ActivityRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    @Override
    public String module() {
        return "insight";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        ObjectNode export = JsonMapper.shared().createObjectNode();
        ArrayNode days = export.putArray("activeDays");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select person, channel, period from insight_person_periods
                    where person in (:ids) and grain = 'day' and channel <> 'all' order by period, person, channel""")
                    .param("ids", chunk)
                    .query(rs -> {
                        days.addObject().put("identifier", rs.getString("person"))
                                .put("day", rs.getObject("period", LocalDate.class).toString())
                                .put("channel", rs.getString("channel"));
                    });
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<ActivityChanges.Series, NavigableSet<LocalDate>> stored = rollups.stored(subject.identifiers(), null, null);
        rollups.apply(ActivityChanges.between(stored, Map.of()));
        long rows = stored.values().stream().mapToLong(NavigableSet::size).sum();
        rollups.delete(subject.identifiers());
        return ErasureCount.of(Map.of("insight_person_periods", rows));
    }
}
