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
 * The carts kept for cart abandonment and the rows that count a person once a day for channel performance name
 * people by identifier: an export lists their carts, campaign touches and counted visits, an erasure deletes them.
 * The daily counts themselves hold no personal data and stay, as the survey counts do: an erased person's past
 * carts and visits are still counted, and their later events are counted as a new person's.
 */
@Component
class CartChannelPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    CartChannelPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "insight";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        ObjectNode export = JsonMapper.shared().createObjectNode();
        ArrayNode carts = export.putArray("carts");
        ArrayNode touches = export.putArray("campaignTouches");
        ArrayNode visits = export.putArray("visits");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select cart_key, person, created_on, channel, first_added_at, last_added_at, converted_at
                    from insight_carts where person in (:ids) order by first_added_at, cart_key""")
                    .param("ids", chunk)
                    .query(rs -> {
                        carts.addObject().put("cart", rs.getString("cart_key"))
                                .put("identifier", rs.getString("person"))
                                .put("createdOn", rs.getString("created_on"))
                                .put("channel", rs.getString("channel"))
                                .put("firstAdded", rs.getString("first_added_at"))
                                .put("lastAdded", rs.getString("last_added_at"))
                                .put("convertedAt", rs.getString("converted_at"));
                    });
            jdbc.sql("""
                    select person, campaign, touched_at from insight_campaign_touches where person in (:ids)
                    order by touched_at, campaign""")
                    .param("ids", chunk)
                    .query(rs -> {
                        touches.addObject().put("identifier", rs.getString("person"))
                                .put("campaign", rs.getString("campaign"))
                                .put("lastTouched", rs.getString("touched_at"));
                    });
            jdbc.sql("""
                    select on_date, dimension, dimension_value, person, bought from insight_channel_people
                    where person in (:ids) order by on_date, dimension, dimension_value""")
                    .param("ids", chunk)
                    .query(rs -> {
                        visits.addObject().put("identifier", rs.getString("person"))
                                .put("day", rs.getString("on_date"))
                                .put(rs.getString("dimension"), rs.getString("dimension_value"))
                                .put("ordered", rs.getBoolean("bought"));
                    });
        }
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            counts.merge("insight_cart_values", (long) jdbc.sql("""
                    delete from insight_cart_values
                    where cart_key in (select cart_key from insight_carts where person in (:ids))""")
                    .param("ids", chunk).update(), Long::sum);
            for (String table : List.of("insight_carts", "insight_campaign_touches", "insight_channel_people",
                    "insight_channel_orders")) {
                counts.merge(table, (long) jdbc.sql("delete from " + table + " where person in (:ids)")
                        .param("ids", chunk).update(), Long::sum);
            }
        }
        return ErasureCount.of(counts);
    }
}
