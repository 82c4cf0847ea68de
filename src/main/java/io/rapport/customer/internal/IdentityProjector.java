package io.rapport.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Customer;
import io.rapport.customer.CustomerMerged;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the identity graph current from the event log. New identifiers and links are stored; then the connected
 * region of the link graph they touch is resolved again from all of its links ({@link IdentityResolution}), so
 * the customers come out the same whatever order the messages arrived in. Regrouped identifiers keep the
 * customer id most of them had, so ids stay stable as profiles grow.
 */
@Component
class IdentityProjector implements EventConsumer {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DirectoryRefresh directory;
    private final @Nullable String phoneRegion;

    IdentityProjector(JdbcClient jdbc, JdbcTemplate batch, Clock clock, ApplicationEventPublisher events,
            DirectoryRefresh directory, @Value("${rapport.customer.default-phone-region:}") String phoneRegion) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.events = events;
        this.directory = directory;
        this.phoneRegion = phoneRegion.isBlank() ? null : phoneRegion;
    }

    @Override
    public String name() {
        return "customer.identity";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Map<String, Instant> seen = new LinkedHashMap<>();
        Map<String, IdentityResolution.Link> links = new HashMap<>();
        Map<TraitKey, TraitValue> traits = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            Sightings sightings = Sightings.of(event, phoneRegion);
            if (sightings == null) {
                continue;
            }
            for (String identifier : sightings.identifiers()) {
                seen.merge(identifier, event.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
            }
            for (String other : sightings.others()) {
                IdentityResolution.Link link = IdentityResolution.Link.between(sightings.main(), other,
                        event.timestamp(), event.messageId());
                links.merge(link.a() + "\n" + link.b(), link, IdentityResolution.Link::earlier);
            }
            // The newest value of each trait wins; of two set at the same time, the later message.
            sightings.traits().forEach((name, value) -> traits.merge(new TraitKey(sightings.main(), name),
                    new TraitValue(value.toString(), event.timestamp()),
                    (before, now) -> now.at().isBefore(before.at()) ? before : now));
        }
        if (seen.isEmpty()) {
            return;
        }
        Set<String> added = storeIdentifiers(seen);
        storeTraits(traits);
        Set<String> changed = storeLinks(links.values());
        if (!changed.isEmpty()) {
            resolveAround(changed);
        }
        // Outside the resolved region, new customers are computed as a whole and known ones with changed traits
        // only for their traits: their activity is the activity projector's to refresh.
        added.removeAll(changed);
        Set<String> traitsOnly = new HashSet<>();
        traits.keySet().forEach(key -> traitsOnly.add(key.identifier()));
        traitsOnly.removeAll(changed);
        traitsOnly.removeAll(added);
        if (!added.isEmpty()) {
            directory.profilesChanged(added);
        }
        if (!traitsOnly.isEmpty()) {
            directory.traitsChanged(traitsOnly);
        }
    }

    private record TraitKey(String identifier, String name) {
    }

    private record TraitValue(String json, Instant at) {
    }

    /** Inserts unknown identifiers, each as a customer of its own until resolution says otherwise; returns them. */
    private Set<String> storeIdentifiers(Map<String, Instant> seen) {
        Set<String> known = new HashSet<>();
        for (List<String> chunk : SqlLists.chunks(seen.keySet())) {
            known.addAll(jdbc.sql("select identifier from identities where identifier in (:ids)")
                    .param("ids", chunk).query(String.class).list());
        }
        List<Object[]> customers = new ArrayList<>();
        List<Object[]> identities = new ArrayList<>();
        Object now = Timestamps.of(clock.instant());
        seen.forEach((identifier, firstSeen) -> {
            if (!known.contains(identifier)) {
                UUID customer = UUID.randomUUID();
                customers.add(new Object[] {customer, now});
                identities.add(new Object[] {identifier, customer, Timestamps.of(firstSeen)});
            }
        });
        batch.batchUpdate("insert into customers (id, created_at) values (?, ?)", customers);
        batch.batchUpdate("insert into identities (identifier, customer_id, first_seen) values (?, ?, ?)", identities);
        Set<String> added = new HashSet<>(seen.keySet());
        added.removeAll(known);
        return added;
    }

    /** Sets each trait unless a newer value is stored already. */
    private void storeTraits(Map<TraitKey, TraitValue> traits) {
        Set<String> identifiers = new HashSet<>();
        traits.keySet().forEach(key -> identifiers.add(key.identifier()));
        Map<TraitKey, Instant> stored = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(identifiers)) {
            jdbc.sql("select identifier, name, set_at from customer_traits where identifier in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        stored.put(new TraitKey(rs.getString("identifier"), rs.getString("name")),
                                Timestamps.instant(rs, "set_at"));
                    });
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        traits.forEach((key, value) -> {
            Instant before = stored.get(key);
            if (before == null) {
                inserts.add(new Object[] {key.identifier(), key.name(), value.json(), Timestamps.of(value.at())});
            } else if (!before.isAfter(value.at())) {
                updates.add(new Object[] {value.json(), Timestamps.of(value.at()), key.identifier(), key.name()});
            }
        });
        batch.batchUpdate("insert into customer_traits (identifier, name, value_json, set_at) values (?, ?, ?, ?)",
                inserts);
        batch.batchUpdate("update customer_traits set value_json = ?, set_at = ? where identifier = ? and name = ?",
                updates);
    }

    /**
     * Stores new links and moves known ones to an earlier sighting (the canonical order of links must not depend
     * on arrival); returns the identifiers of the links that changed: the graph needs resolving around them only.
     */
    private Set<String> storeLinks(Collection<IdentityResolution.Link> links) {
        Set<String> firsts = new HashSet<>();
        links.forEach(link -> firsts.add(link.a()));
        Map<String, IdentityResolution.Link> stored = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(firsts)) {
            jdbc.sql("select a, b, seen_at, message_id from identity_links where a in (:ids)").param("ids", chunk)
                    .query((rs, n) -> new IdentityResolution.Link(rs.getString("a"), rs.getString("b"),
                            Timestamps.instant(rs, "seen_at"), rs.getString("message_id")))
                    .list().forEach(link -> stored.put(link.a() + "\n" + link.b(), link));
        }
        Set<String> changed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (IdentityResolution.Link link : links) {
            IdentityResolution.Link before = stored.get(link.a() + "\n" + link.b());
            if (before == null) {
                inserts.add(new Object[] {link.a(), link.b(), Timestamps.of(link.at()), link.messageId()});
            } else if (before.earlier(link) != before) {
                updates.add(new Object[] {Timestamps.of(link.at()), link.messageId(), link.a(), link.b()});
            } else {
                continue;
            }
            changed.add(link.a());
            changed.add(link.b());
        }
        batch.batchUpdate("insert into identity_links (a, b, seen_at, message_id) values (?, ?, ?, ?)", inserts);
        batch.batchUpdate("update identity_links set seen_at = ?, message_id = ? where a = ? and b = ?", updates);
        return changed;
    }

    /**
     * Resolves the whole connected region of the link graph around these identifiers again: every identifier
     * reachable through observed links (applied or refused) and active operator merges. The region's customers
     * are computed again in the directory, traits included (their identifiers' traits are in it).
     */
    void resolveAround(Collection<String> start) {
        Set<String> region = new HashSet<>(start);
        Map<String, IdentityResolution.Link> regionLinks = new HashMap<>();
        Map<String, List<String>> regionMerges = new HashMap<>();
        List<String> frontier = new ArrayList<>(start);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (List<String> chunk : SqlLists.chunks(frontier)) {
                // Two lookups rather than "a in … or b in …", which not every database answers from the indexes.
                for (String end : List.of("a", "b")) {
                    jdbc.sql("select a, b, seen_at, message_id from identity_links where " + end + " in (:ids)")
                            .param("ids", chunk)
                            .query((rs, n) -> new IdentityResolution.Link(rs.getString("a"), rs.getString("b"),
                                    Timestamps.instant(rs, "seen_at"), rs.getString("message_id")))
                            .list()
                            .forEach(link -> {
                                regionLinks.put(link.a() + "\n" + link.b(), link);
                                reach(List.of(link.a(), link.b()), region, next);
                            });
                }
                jdbc.sql("""
                        select id, a, b from customer_merges where undone_at is null and a in (:ids)
                        union select id, a, b from customer_merges where undone_at is null and b in (:ids)""")
                        .param("ids", chunk)
                        .query(rs -> {
                            List<String> pair = List.of(rs.getString("a"), rs.getString("b"));
                            regionMerges.put(rs.getString("id"), pair);
                            reach(pair, region, next);
                        });
            }
            frontier = next;
        }
        IdentityResolution.Result result = IdentityResolution.resolve(region, regionMerges.values(),
                regionLinks.values());
        assignCustomers(region, result.customers());
        for (List<String> chunk : SqlLists.chunks(region)) {
            jdbc.sql("delete from identity_conflicts where a in (:ids)").param("ids", chunk).update();
        }
        batch.batchUpdate("insert into identity_conflicts (a, b, seen_at, message_id) values (?, ?, ?, ?)",
                result.conflicts().stream().map(conflict -> new Object[] {conflict.a(), conflict.b(),
                        Timestamps.of(conflict.at()), conflict.messageId()}).toList());
        directory.profilesChanged(region);
    }

    private static void reach(List<String> ends, Set<String> region, List<String> next) {
        for (String end : ends) {
            if (region.add(end)) {
                next.add(end);
            }
        }
    }

    /**
     * Gives each group the customer id most of its identifiers have (largest groups choose first; ties go to the
     * smaller id), a new id when none is left, and removes customers no identifier points to any more.
     */
    private void assignCustomers(Set<String> region, List<Set<String>> groups) {
        Map<String, UUID> current = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(region)) {
            jdbc.sql("select identifier, customer_id from identities where identifier in (:ids)").param("ids", chunk)
                    .query(rs -> {
                        current.put(rs.getString("identifier"), rs.getObject("customer_id", UUID.class));
                    });
        }
        List<Set<String>> bySize = new ArrayList<>(groups);
        bySize.sort(Comparator.<Set<String>>comparingInt(Set::size).reversed()
                .thenComparing(group -> group.iterator().next()));
        Set<UUID> taken = new HashSet<>();
        Map<String, UUID> assigned = new HashMap<>();
        List<Object[]> moves = new ArrayList<>();
        for (Set<String> group : bySize) {
            Map<UUID, Integer> votes = new HashMap<>();
            group.forEach(identifier -> {
                UUID id = current.get(identifier);
                if (id != null && !taken.contains(id)) {
                    votes.merge(id, 1, Integer::sum);
                }
            });
            UUID customer = votes.entrySet().stream()
                    .max(Map.Entry.<UUID, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey)
                    .orElseGet(this::newCustomer);
            taken.add(customer);
            for (String identifier : group) {
                assigned.put(identifier, customer);
                if (!customer.equals(current.get(identifier))) {
                    moves.add(new Object[] {customer, identifier});
                }
            }
        }
        batch.batchUpdate("update identities set customer_id = ? where identifier = ?", moves);
        Set<UUID> released = new HashSet<>(current.values());
        released.removeAll(taken);
        batch.batchUpdate("""
                delete from customers where id = ? and not exists (select 1 from identities where customer_id = ?)""",
                released.stream().sorted().map(customer -> new Object[] {customer, customer}).toList());
        for (UUID customer : released) {
            Map<UUID, Integer> destinations = new HashMap<>();
            current.forEach((identifier, before) -> {
                if (before.equals(customer)) {
                    destinations.merge(assigned.get(identifier), 1, Integer::sum);
                }
            });
            destinations.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(into ->
                    events.publishEvent(new CustomerMerged(new Customer.Id(customer), new Customer.Id(into.getKey()))));
        }
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customers (id, created_at) values (?, ?)").params(id, Timestamps.of(clock.instant()))
                .update();
        return id;
    }

}
