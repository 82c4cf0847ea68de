package io.rapport.customer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the customer directory current: each customer's first and last time seen, event count and channels (on
 * {@code customers}) and the comparable keys of their current trait values ({@code customer_trait_values}). The
 * projectors call it, in their transaction, for the customers whose identifiers, traits or activity they changed;
 * it recomputes those customers from the per-identifier tables, or adds new activity to what it computed before,
 * so the result does not depend on which projector ran first. At start it fills in customers that were never
 * computed (those created before the directory).
 */
@Component
class DirectoryRefresh implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectoryRefresh.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Profiles profiles;
    private final TransactionTemplate transactions;

    DirectoryRefresh(JdbcClient jdbc, JdbcTemplate batches, Profiles profiles, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.profiles = profiles;
        this.transactions = transactions;
    }

    /** Identities or links of these identifiers changed: their customers are computed again as a whole. */
    void profilesChanged(Collection<String> identifiers) {
        refresh(customersOf(identifiers), Part.ALL);
    }

    /** Only traits of these identifiers changed: their customers' trait values are computed again. */
    void traitsChanged(Collection<String> identifiers) {
        refresh(customersOf(identifiers), Part.TRAITS);
    }

    /**
     * These identifiers have new activity (what the batch added, per identifier): it is added to their customers'
     * seen times, events and channels. Customers never computed (events null) are computed as a whole instead.
     * Adding rather than recomputing spares the per-customer sum over all of its activity; merges and new
     * identifiers still compute customers as a whole, so both ways meet in the same result.
     */
    void activityAdded(Map<String, List<Customer.ChannelActivity>> added) {
        Map<UUID, List<Customer.ChannelActivity>> byCustomer = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(added.keySet())) {
            jdbc.sql("select identifier, customer_id from identities where identifier in (:ids)").param("ids", chunk)
                    .query(rs -> {
                        byCustomer.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new ArrayList<>())
                                .addAll(added.get(rs.getString("identifier")));
                    });
        }
        for (List<UUID> chunk : SqlLists.chunks(byCustomer.keySet().stream().sorted().toList())) {
            List<UUID> uncomputed = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            jdbc.sql("""
                    select id, first_seen, last_seen, events, channels from customers where id in (:ids)
                    order by id for update""").param("ids", chunk)
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        long events = rs.getLong("events");
                        if (rs.wasNull()) {
                            uncomputed.add(id);
                            return;
                        }
                        Customer.Seen before = new Customer.Seen(Timestamps.nullableInstant(rs, "first_seen"),
                                Timestamps.nullableInstant(rs, "last_seen"), events);
                        rows.add(addedRow(id, before, rs.getString("channels"), byCustomer.get(id)));
                    });
            batch("update customers set first_seen = ?, last_seen = ?, events = ?, channels = ? where id = ?", rows);
            if (!uncomputed.isEmpty()) {
                refreshActivity(uncomputed);
            }
        }
    }

    /** What a refresh computes: trait values only, or seen times, events, channels and trait values. */
    enum Part {
        TRAITS, ALL
    }

    private Set<UUID> customersOf(Collection<String> identifiers) {
        Set<UUID> customers = new HashSet<>();
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            customers.addAll(jdbc.sql("select distinct customer_id from identities where identifier in (:ids)")
                    .param("ids", chunk).query(UUID.class).list());
        }
        return customers;
    }

    void refresh(Collection<UUID> customers, Part part) {
        for (List<UUID> chunk : SqlLists.chunks(customers.stream().sorted().toList())) {
            // Locked in id order: a merge and a projector computing the same customer wait for each other, and
            // whoever goes second reads what the first committed.
            Map<UUID, Long> seqs = new LinkedHashMap<>();
            jdbc.sql("select id, seq from customers where id in (:ids) order by id for update").param("ids", chunk)
                    .query(rs -> {
                        seqs.put(rs.getObject("id", UUID.class), rs.getLong("seq"));
                    });
            if (seqs.isEmpty()) {
                continue;
            }
            if (part == Part.ALL) {
                refreshActivity(seqs.keySet());
            }
            refreshTraits(seqs);
        }
    }

    private void refreshActivity(Collection<UUID> ids) {
        Map<UUID, List<Customer.ChannelActivity>> channels = profiles.channels(ids);
        List<Object[]> rows = new ArrayList<>();
        ids.forEach(id -> rows.add(activityRow(id, channels.getOrDefault(id, List.of()))));
        batch("update customers set first_seen = ?, last_seen = ?, events = ?, channels = ? where id = ?", rows);
    }

    private static Object[] activityRow(UUID id, List<Customer.ChannelActivity> channels) {
        Customer.Seen seen = Customer.Seen.of(channels);
        return new Object[] {Timestamps.of(seen.first()), Timestamps.of(seen.last()), seen.events(),
                channelList(channels.stream().map(Customer.ChannelActivity::channel).toList()), id};
    }

    private static Object[] addedRow(UUID id, Customer.Seen before, @Nullable String channels,
            List<Customer.ChannelActivity> added) {
        Customer.Seen seen = before.plus(Customer.Seen.of(added));
        Set<Channel> all = EnumSet.noneOf(Channel.class);
        if (channels != null && !channels.isEmpty()) {
            Arrays.stream(channels.split(",")).map(Channel::valueOf).forEach(all::add);
        }
        added.forEach(activity -> all.add(activity.channel()));
        return new Object[] {Timestamps.of(seen.first()), Timestamps.of(seen.last()), seen.events(), channelList(all),
                id};
    }

    /**
     * The {@code customers.channels} column: the customer's channels in {@link Channel} order, comma-separated, so
     * that adding activity never needs the per-channel sums to order them. Lists filter on it with {@code like}.
     */
    private static String channelList(Collection<Channel> channels) {
        return channels.stream().distinct().sorted().map(Channel::name).collect(Collectors.joining(","));
    }

    /** Writes the trait values that changed: most refreshes (a login's identify, a merge) change few or none. */
    private void refreshTraits(Map<UUID, Long> seqs) {
        Map<UUID, Map<String, Customer.Trait>> traits = profiles.traits(seqs.keySet());
        Map<UUID, Map<String, String>> stored = new HashMap<>();
        jdbc.sql("select customer_id, name, value_key from customer_trait_values where customer_id in (:ids)")
                .param("ids", List.copyOf(seqs.keySet()))
                .query(rs -> {
                    stored.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new HashMap<>())
                            .put(rs.getString("name"), rs.getString("value_key"));
                });
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        for (UUID id : seqs.keySet()) {
            Map<String, String> before = stored.getOrDefault(id, Map.of());
            Map<String, String> after = new HashMap<>();
            traits.getOrDefault(id, Map.of()).forEach((name, trait) -> TraitKey.ofJson(trait.value())
                    .ifPresent(key -> after.put(name, key)));
            after.forEach((name, key) -> {
                String old = before.get(name);
                if (old == null) {
                    inserts.add(new Object[] {id, seqs.get(id), name, key});
                } else if (!old.equals(key)) {
                    updates.add(new Object[] {key, id, name});
                }
            });
            before.keySet().stream().filter(name -> !after.containsKey(name))
                    .forEach(name -> deletes.add(new Object[] {id, name}));
        }
        batch("delete from customer_trait_values where customer_id = ? and name = ?", deletes);
        batch("update customer_trait_values set value_key = ? where customer_id = ? and name = ?", updates);
        batch("insert into customer_trait_values (customer_id, seq, name, value_key) values (?, ?, ?, ?)", inserts);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }

    /** Computes the customers that never were, 500 per transaction. */
    @Override
    public void run(ApplicationArguments args) {
        long done = 0;
        while (true) {
            Integer computed = transactions.execute(status -> {
                List<UUID> ids = jdbc.sql("select id from customers where events is null limit " + SqlLists.SIZE)
                        .query(UUID.class).list();
                refresh(ids, Part.ALL);
                return ids.size();
            });
            if (computed == null || computed == 0) {
                break;
            }
            done += computed;
        }
        if (done > 0) {
            log.info("Computed the directory entries of {} customers created before the customer directory", done);
        }
    }
}
