package io.rapport.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.Identifier;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads whole customers, many at a time: identities, traits (the newest value of each name over all of the
 * customer's identifiers) and channel activity (summed over them), a few queries per 500 customers.
 */
@Component
public class Profiles {

    private final JdbcClient jdbc;

    Profiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customers with these ids that exist, in the order given. */
    public List<Customer> load(List<UUID> ids) {
        List<Customer> customers = new ArrayList<>(ids.size());
        for (List<UUID> chunk : SqlLists.chunks(ids)) {
            Map<UUID, Instant> created = new HashMap<>();
            jdbc.sql("select id, created_at from customers where id in (:ids)").param("ids", chunk)
                    .query(rs -> {
                        created.put(rs.getObject("id", UUID.class), Timestamps.instant(rs, "created_at"));
                    });
            Map<UUID, List<Customer.Identity>> identities = new HashMap<>();
            jdbc.sql("select customer_id, identifier, first_seen from identities where customer_id in (:ids) order by identifier")
                    .param("ids", chunk)
                    .query(rs -> {
                        Identifier identifier = Identifier.decode(rs.getString("identifier"));
                        identities.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new ArrayList<>())
                                .add(new Customer.Identity(identifier.type(), identifier.value(),
                                        Timestamps.instant(rs, "first_seen")));
                    });
            Map<UUID, Map<String, Customer.Trait>> traits = traits(chunk);
            Map<UUID, List<Customer.ChannelActivity>> channels = channels(chunk);
            for (UUID id : chunk) {
                Instant createdAt = created.get(id);
                if (createdAt != null) {
                    customers.add(new Customer(new Customer.Id(id), createdAt, identities.getOrDefault(id, List.of()),
                            traits.getOrDefault(id, Map.of()), channels.getOrDefault(id, List.of())));
                }
            }
        }
        return customers;
    }

    /** The newest value of each trait over all of each customer's identifiers, by name. At most 500 ids. */
    Map<UUID, Map<String, Customer.Trait>> traits(Collection<UUID> ids) {
        Map<UUID, Map<String, Customer.Trait>> traits = new HashMap<>();
        jdbc.sql("""
                select i.customer_id, t.name, t.value_json, t.set_at from customer_traits t
                join identities i on i.identifier = t.identifier
                where i.customer_id in (:ids) order by t.name, t.set_at""")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    traits.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new LinkedHashMap<>())
                            .put(rs.getString("name"), new Customer.Trait(rs.getString("value_json"),
                                    Timestamps.instant(rs, "set_at")));
                });
        return traits;
    }

    /** Each customer's touchpoints per channel, summed over their identifiers, most used first. At most 500 ids. */
    Map<UUID, List<Customer.ChannelActivity>> channels(Collection<UUID> ids) {
        Map<UUID, List<Customer.ChannelActivity>> channels = new HashMap<>();
        jdbc.sql("""
                select i.customer_id, a.channel, sum(a.events) as events, min(a.first_seen) as first_seen,
                       max(a.last_seen) as last_seen
                from customer_activity a join identities i on i.identifier = a.identifier
                where i.customer_id in (:ids) group by i.customer_id, a.channel order by events desc, a.channel""")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    channels.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new ArrayList<>())
                            .add(new Customer.ChannelActivity(Channel.valueOf(rs.getString("channel")),
                                    rs.getLong("events"), Timestamps.instant(rs, "first_seen"),
                                    Timestamps.instant(rs, "last_seen")));
                });
        return channels;
    }
}
