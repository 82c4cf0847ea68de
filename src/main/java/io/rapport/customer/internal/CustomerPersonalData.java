package io.rapport.customer.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
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
 * A person's profile: the customer, its identities, traits, channel activity and figures, and the identity links
 * and conflicts that name one of its identifiers. Traits, activity and figures are kept per identifier, so erasing
 * the identifiers' rows erases them whatever regrouping happened before; the customer's directory entry (its
 * current trait values) goes with the customer.
 */
@Component
class CustomerPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    CustomerPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String module() {
        return "customer";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        customers.get(new Customer.Id(subject.customerId()))
                .ifPresent(customer -> export.set("profile", json.valueToTree(customer)));
        export.set("identityLinks", pairs("identity_links", subject));
        export.set("identityConflicts", pairs("identity_conflicts", subject));
        ArrayNode merges = export.putArray("operatorMerges");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("select a, b, merged_at, undone_at from customer_merges where a in (:ids) or b in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        ObjectNode merge = merges.addObject().put("a", rs.getString("a")).put("b", rs.getString("b"))
                                .put("mergedAt", Timestamps.instant(rs, "merged_at").toString());
                        var undoneAt = Timestamps.nullableInstant(rs, "undone_at");
                        merge.put("undoneAt", undoneAt == null ? null : undoneAt.toString());
                    });
        }
        ArrayNode activity = export.putArray("activity");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select identifier, channel, events, first_seen, last_seen from customer_activity
                    where identifier in (:ids) order by identifier, channel""")
                    .param("ids", chunk)
                    .query(rs -> {
                        activity.addObject().put("identifier", rs.getString("identifier"))
                                .put("channel", rs.getString("channel")).put("events", rs.getLong("events"))
                                .put("firstSeen", Timestamps.instant(rs, "first_seen").toString())
                                .put("lastSeen", Timestamps.instant(rs, "last_seen").toString());
                    });
        }
        ArrayNode figures = export.putArray("figuresByIdentifier");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("select identifier, name, amount from customer_figures where identifier in (:ids) order by identifier, name")
                    .param("ids", chunk)
                    .query(rs -> {
                        figures.addObject().put("identifier", rs.getString("identifier"))
                                .put("name", rs.getString("name")).put("amount", rs.getBigDecimal("amount"));
                    });
        }
        ArrayNode traits = export.putArray("traitsByIdentifier");
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("""
                    select identifier, name, value_json, set_at from customer_traits
                    where identifier in (:ids) order by identifier, name""")
                    .param("ids", chunk)
                    .query(rs -> {
                        ObjectNode trait = traits.addObject().put("identifier", rs.getString("identifier"))
                                .put("name", rs.getString("name"));
                        trait.set("value", json.readTree(rs.getString("value_json")));
                        trait.put("setAt", Timestamps.instant(rs, "set_at").toString());
                    });
        }
        return export;
    }

    private ArrayNode pairs(String table, DataSubject subject) {
        ArrayNode pairs = JsonMapper.shared().createArrayNode();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            jdbc.sql("select a, b, seen_at, message_id from " + table + " where a in (:ids) or b in (:ids) order by a, b")
                    .param("ids", chunk)
                    .query(rs -> {
                        pairs.addObject().put("a", rs.getString("a")).put("b", rs.getString("b"))
                                .put("seenAt", Timestamps.instant(rs, "seen_at").toString())
                                .put("messageId", rs.getString("message_id"));
                    });
        }
        return pairs;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            counts.merge("customer_traits", (long) jdbc.sql("delete from customer_traits where identifier in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
            counts.merge("customer_activity", (long) jdbc.sql("delete from customer_activity where identifier in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
            counts.merge("customer_figures", (long) jdbc.sql("delete from customer_figures where identifier in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
            // A link or conflict with another customer's identifier names this person too: it goes as a whole.
            counts.merge("identity_links", (long) jdbc.sql("delete from identity_links where a in (:ids) or b in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
            counts.merge("identity_conflicts", (long) jdbc.sql(
                    "delete from identity_conflicts where a in (:ids) or b in (:ids)").param("ids", chunk).update(),
                    Long::sum);
            counts.merge("customer_merges", (long) jdbc.sql(
                    "delete from customer_merges where a in (:ids) or b in (:ids)").param("ids", chunk).update(),
                    Long::sum);
            counts.merge("identities", (long) jdbc.sql("delete from identities where identifier in (:ids)")
                    .param("ids", chunk).update(), Long::sum);
        }
        counts.merge("identities", (long) jdbc.sql("delete from identities where customer_id = ?")
                .param(subject.customerId()).update(), Long::sum);
        counts.put("customer_trait_values", (long) jdbc.sql("delete from customer_trait_values where customer_id = ?")
                .param(subject.customerId()).update());
        counts.put("customers", (long) jdbc.sql("delete from customers where id = ?").param(subject.customerId())
                .update());
        return ErasureCount.of(counts);
    }

}
