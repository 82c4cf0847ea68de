package io.rapport.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.rapport.customer.Identifier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The identity graph depends on the set of links only: not on the order they arrive in, nor on how they are
 * batched when the projector resolves one region of the graph at a time.
 */
class IdentityResolutionProperties {

    @Property(tries = 500)
    void the_customers_do_not_depend_on_the_order_of_the_links(@ForAll("links") List<IdentityResolution.Link> links,
            @ForAll("merges") List<List<String>> merges, @ForAll long seed) {
        List<IdentityResolution.Link> shuffled = new ArrayList<>(links);
        Collections.shuffle(shuffled, new Random(seed));
        List<List<String>> shuffledMerges = new ArrayList<>(merges);
        Collections.shuffle(shuffledMerges, new Random(seed));

        assertThat(IdentityResolution.resolve(ends(shuffled), shuffledMerges, shuffled))
                .isEqualTo(IdentityResolution.resolve(ends(links), merges, links));
    }

    @Property(tries = 300)
    void an_operator_merge_joins_even_two_user_ids_and_only_merges_do(
            @ForAll("links") List<IdentityResolution.Link> links, @ForAll("merges") List<List<String>> merges) {
        IdentityResolution.Result result = IdentityResolution.resolve(ends(links), merges, links);

        for (List<String> merge : merges) {
            assertThat(result.customers()).anySatisfy(customer -> assertThat(customer).containsAll(merge));
        }
        for (Set<String> customer : result.customers()) {
            if (customer.stream().filter(Identifier::isUserId).count() > 1) {
                assertThat(merges).as("a customer with two user ids holds an operator merge")
                        .anySatisfy(merge -> assertThat(customer).containsAll(merge));
            }
        }
    }

    @Property(tries = 300)
    void resolving_region_by_region_as_links_arrive_gives_the_same_customers(
            @ForAll("links") List<IdentityResolution.Link> links, @ForAll long seed) {
        List<IdentityResolution.Link> arrival = new ArrayList<>(links);
        Collections.shuffle(arrival, new Random(seed));
        Random batching = new Random(seed + 1);

        Map<String, Set<String>> customerOf = new HashMap<>();
        Map<String, IdentityResolution.Link> stored = new HashMap<>();
        for (int i = 0; i < arrival.size(); ) {
            List<IdentityResolution.Link> batch = arrival.subList(i, Math.min(arrival.size(), i + 1 + batching.nextInt(4)));
            i += batch.size();
            batch.forEach(link -> stored.merge(link.a() + "\n" + link.b(), link, IdentityResolution.Link::earlier));
            Set<String> region = region(ends(batch), stored.values());
            List<IdentityResolution.Link> regionLinks = stored.values().stream()
                    .filter(link -> region.contains(link.a())).toList();
            for (Set<String> customer : IdentityResolution.resolve(region, regionLinks).customers()) {
                customer.forEach(identifier -> customerOf.put(identifier, customer));
            }
        }

        Set<Set<String>> incremental = new HashSet<>(customerOf.values());
        Set<Set<String>> atOnce = new HashSet<>(IdentityResolution.resolve(ends(links), links).customers());
        assertThat(incremental).isEqualTo(atOnce);
    }

    @Property(tries = 300)
    void no_customer_has_two_user_ids_and_every_refused_link_separates_two(
            @ForAll("links") List<IdentityResolution.Link> links) {
        IdentityResolution.Result result = IdentityResolution.resolve(ends(links), links);

        Map<String, Set<String>> customerOf = new HashMap<>();
        for (Set<String> customer : result.customers()) {
            assertThat(customer.stream().filter(Identifier::isUserId).count()).isLessThanOrEqualTo(1);
            customer.forEach(identifier -> customerOf.put(identifier, customer));
        }
        for (IdentityResolution.Link conflict : result.conflicts()) {
            assertThat(customerOf.get(conflict.a())).isNotSameAs(customerOf.get(conflict.b()));
        }
        for (IdentityResolution.Link link : links) {
            if (!result.conflicts().contains(link)) {
                assertThat(customerOf.get(link.a())).isSameAs(customerOf.get(link.b()));
            }
        }
    }

    @Example
    void the_earlier_of_two_competing_user_ids_keeps_the_shared_anonymous_id() {
        var later = IdentityResolution.Link.between("anon:a", "user:bob", Instant.parse("2026-01-02T00:00:00Z"), "m2");
        var earlier = IdentityResolution.Link.between("anon:a", "user:ana", Instant.parse("2026-01-01T00:00:00Z"), "m1");

        IdentityResolution.Result result = IdentityResolution.resolve(Set.of(), List.of(later, earlier));

        assertThat(result.customers()).containsExactly(new TreeSet<>(Set.of("anon:a", "user:ana")),
                new TreeSet<>(Set.of("user:bob")));
        assertThat(result.conflicts()).containsExactly(later);
    }

    @Provide
    Arbitrary<List<List<String>>> merges() {
        return Arbitraries.of("user:u1", "user:u2", "user:u3", "anon:a1", "anon:a4")
                .list().ofSize(2).filter(pair -> !pair.get(0).equals(pair.get(1)))
                .list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<IdentityResolution.Link>> links() {
        Arbitrary<String> identifier = Arbitraries.oneOf(
                Arbitraries.of("user:u1", "user:u2", "user:u3"),
                Arbitraries.of("anon:a1", "anon:a2", "anon:a3", "anon:a4", "anon:a5", "anon:a6"),
                Arbitraries.of("email:x@example.com", "email:y@example.com", "phone:+4915112345678"));
        Arbitrary<IdentityResolution.Link> link = Combinators.combine(identifier, identifier,
                        Arbitraries.longs().between(0, 20), Arbitraries.strings().withCharRange('a', 'e').ofLength(2))
                .filter((x, y, second, id) -> !x.equals(y))
                .as((x, y, second, id) -> IdentityResolution.Link.between(x, y, Instant.ofEpochSecond(second), id));
        // One sighting per pair, as the projector stores them.
        return link.list().ofMaxSize(14).map(list -> {
            Map<String, IdentityResolution.Link> unique = new HashMap<>();
            list.forEach(l -> unique.merge(l.a() + "\n" + l.b(), l, IdentityResolution.Link::earlier));
            return new ArrayList<>(unique.values());
        });
    }

    private static Set<String> ends(List<IdentityResolution.Link> links) {
        Set<String> ends = new HashSet<>();
        links.forEach(link -> {
            ends.add(link.a());
            ends.add(link.b());
        });
        return ends;
    }

    /** Everything connected to {@code start} by any stored link, refused or not (what the projector reloads). */
    private static Set<String> region(Set<String> start, Collection<IdentityResolution.Link> stored) {
        Set<String> region = new HashSet<>(start);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (IdentityResolution.Link link : stored) {
                if (region.contains(link.a()) != region.contains(link.b())) {
                    region.add(link.a());
                    region.add(link.b());
                    grew = true;
                }
            }
        }
        return region;
    }
}
