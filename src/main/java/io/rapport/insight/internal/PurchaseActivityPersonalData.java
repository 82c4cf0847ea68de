package io.rapport.insight.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The purchase activity kept for retention names people by identifier: an export lists their purchases, an erasure
 * takes them out of the cohort roll-ups and deletes their rows. The survey score counts and the cohort roll-ups hold
 * no personal data (counts only).
 */
@Component
class PurchaseActivityPersonalData implements PersonalData {

    private static final String[] TABLES = {"insight_purchases", "insight_person_months", "insight_person_cohorts"};

    private final JdbcClient jdbc;
    private final BuyerCohorts cohorts;

    PurchaseActivityPersonalData(JdbcClient jdbc, BuyerCohorts cohorts) {
        this.jdbc = jdbc;
        this.cohorts = cohorts;
    }

    @Override
    public String module() {
        return "insight";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        ObjectNode export = JsonMapper.shared().createObjectNode();
        ArrayNode purchases = export.putArray("purchases");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select order_id, person, purchase_month, counted from insight_purchases where person in (:ids)
                    order by purchase_month, order_id""")
                    .param("ids", chunk)
                    .query(rs -> {
                        purchases.addObject().put("orderId", rs.getString("order_id"))
                                .put("identifier", rs.getString("person"))
                                .put("month", rs.getString("purchase_month").substring(0, 7))
                                .put("counted", rs.getBoolean("counted"));
                    });
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("select person from insight_person_cohorts where person in (:ids)").param("ids", chunk)
                    .query(String.class).list().forEach(cohorts::remove);
            for (String table : TABLES) {
                counts.merge(table, (long) jdbc.sql("delete from " + table + " where person in (:ids)")
                        .param("ids", chunk).update(), Long::sum);
            }
        }
        return ErasureCount.of(counts);
    }
}
