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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the identity graph current from the event log. New identifiers and links are stored; then the connected
 * region of the link graph they touch is resolved again from all of its links ({@link IdentityResolution}), so
 * the customers come out the same whatever order the messages arrived in. Regrouped identifiers keep the
 * customer id most of them had, so ids stay stable as profiles grow.
 */
@Component
class IdentityProjector implements EventConsumer {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DirectoryRefresh directory;
    private final @Nullable String phoneRegion;

    IdentityProjector(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, DirectoryRefresh directory,
            @Value("${rapport.customer.default-phone-region:}") String phoneRegion) {
        this.jdbc = jdbc;
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
        Set<String> withTraits = new HashSet<>();
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
            sightings.traits().forEach((name, value) -> setTrait(sightings.main(), name, value, event.timestamp()));
            if (!sightings.traits().isEmpty()) {
                withTraits.add(sightings.main());
            }
        }
        if (seen.isEmpty()) {
            return;
        }
        Set<String> newIdentifiers = storeIdentifiers(seen);
        links.values().forEach(this::storeLink);
        if (!links.isEmpty() || !newIdentifiers.isEmpty()) {
            resolveAround(seen.keySet());
        } else {
            directory.profilesChanged(withTraits);
        }
    }

    /** Inserts unknown identifiers, each as a customer of its own until resolution says otherwise. */
    private Set<String> storeIdentifiers(Map<String, Instant> seen) {
        Set<String> known = new HashSet<>();
        for (List<String> chunk : SqlLists.chunks(seen.keySet())) {
            known.addAll(jdbc.sql("select identifier from identities where identifier in (:ids)")
                    .param("ids", chunk).query(String.class).list());
        }
        Set<String> added = new HashSet<>();
        seen.forEach((identifier, firstSeen) -> {
            if (!known.contains(identifier)) {
                UUID customer = newCustomer();
                jdbc.sql("insert into identities (identifier, customer_id, first_seen) values (?, ?, ?)")
                        .params(identifier, customer, Timestamps.of(firstSeen)).update();
                added.add(identifier);
            }
        });
        return added;
    }

    private void storeLink(IdentityResolution.Link link) {
        int inserted = jdbc.sql("""
                insert into identity_links (a, b, seen_at, message_id) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(link.a(), link.b(), Timestamps.of(link.at()), link.messageId()).update();
        if (inserted == 0) {
            // Keep the earliest sighting: the canonical order of links must not depend on arrival.
            jdbc.sql("""
                    update identity_links set seen_at = ?, message_id = ?
                    where a = ? and b = ? and (seen_at > ? or (seen_at = ? and message_id > ?))""")
                    .params(Timestamps.of(link.at()), link.messageId(), link.a(), link.b(), Timestamps.of(link.at()),
                            Timestamps.of(link.at()), link.messageId())
                    .update();
        }
    }

    private void setTrait(String identifier, String name, JsonNode value, Instant at) {
        String json = value.toString();
        int inserted = jdbc.sql("""
                insert into customer_traits (identifier, name, value_json, set_at) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(identifier, name, json, Timestamps.of(at)).update();
        if (inserted == 0) {
            jdbc.sql("update customer_traits set value_json = ?, set_at = ? where identifier = ? and name = ? and set_at <= ?")
                    .params(json, Timestamps.of(at), identifier, name, Timestamps.of(at)).update();
        }
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
                // Two index lookups: H2 scans the whole table for "a in (…) or b in (…)".
                jdbc.sql("""
                        select a, b, seen_at, message_id from identity_links where a in (:ids)
                        union select a, b, seen_at, message_id from identity_links where b in (:ids)""")
                        .param("ids", chunk)
                        .query((rs, n) -> new IdentityResolution.Link(rs.getString("a"), rs.getString("b"),
                                Timestamps.instant(rs, "seen_at"), rs.getString("message_id")))
                        .list()
                        .forEach(link -> {
                            regionLinks.put(link.a() + "\n" + link.b(), link);
                            reach(List.of(link.a(), link.b()), region, next);
                        });
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
        for (IdentityResolution.Link conflict : result.conflicts()) {
            jdbc.sql("insert into identity_conflicts (a, b, seen_at, message_id) values (?, ?, ?, ?)")
                    .params(conflict.a(), conflict.b(), Timestamps.of(conflict.at()), conflict.messageId()).update();
        }
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
                    jdbc.sql("update identities set customer_id = ? where identifier = ?").params(customer, identifier)
                            .update();
                }
            }
        }
        Set<UUID> released = new HashSet<>(current.values());
        released.removeAll(taken);
        for (UUID customer : released) {
            jdbc.sql("delete from customers where id = ? and not exists (select 1 from identities where customer_id = ?)")
                    .params(customer, customer).update();
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
