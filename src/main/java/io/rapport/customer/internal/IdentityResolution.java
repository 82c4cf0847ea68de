package io.rapport.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;

/**
 * Groups identifiers into customers from the links observed between them. The result is a function of the set of
 * links alone, never of the order they arrived in: the observed links are applied in a canonical order (the time
 * of the message that showed them, then its messageId), and one that would join two customers that both have a
 * user id is not applied but kept as a conflict for an operator to review. Then an operator's merges join the two
 * whole customers their identifiers ended up in, unconditionally (an operator may join two user ids); a conflict
 * inside one merged customer is no conflict any more.
 */
final class IdentityResolution {

    private IdentityResolution() {
    }

    /** Two identifiers seen together; {@code a < b}, and {@code at}/{@code messageId} are of the earliest sighting. */
    record Link(String a, String b, Instant at, String messageId) {

        static final Comparator<Link> CANONICAL = Comparator.comparing(Link::at).thenComparing(Link::messageId)
                .thenComparing(Link::a).thenComparing(Link::b);

        static Link between(String x, String y, Instant at, String messageId) {
            return x.compareTo(y) <= 0 ? new Link(x, y, at, messageId) : new Link(y, x, at, messageId);
        }

        /** Whichever of two sightings of the same link comes first. */
        Link earlier(Link other) {
            return CANONICAL.compare(this, other) <= 0 ? this : other;
        }
    }

    /** Customers as sets of identifiers (each sorted, the list sorted by first identifier) and the refused links. */
    record Result(List<Set<String>> customers, List<Link> conflicts) {
    }

    static Result resolve(Collection<String> identifiers, Collection<Link> links) {
        return resolve(identifiers, List.of(), links);
    }

    /** @param merges pairs of identifiers an operator joined, each as {@code [a, b]} */
    static Result resolve(Collection<String> identifiers, Collection<List<String>> merges, Collection<Link> links) {
        Map<String, String> parent = new HashMap<>();
        Map<String, Boolean> hasUser = new HashMap<>();
        for (String identifier : identifiers) {
            add(identifier, parent, hasUser);
        }
        List<Link> ordered = new ArrayList<>(links);
        ordered.sort(Link.CANONICAL);
        List<Link> conflicts = new ArrayList<>();
        for (Link link : ordered) {
            add(link.a(), parent, hasUser);
            add(link.b(), parent, hasUser);
            String rootA = find(link.a(), parent);
            String rootB = find(link.b(), parent);
            if (rootA.equals(rootB)) {
                continue;
            }
            if (hasUser.get(rootA) && hasUser.get(rootB)) {
                conflicts.add(link);
                continue;
            }
            union(rootA, rootB, parent, hasUser);
        }
        for (List<String> merge : merges) {
            add(merge.get(0), parent, hasUser);
            add(merge.get(1), parent, hasUser);
            union(find(merge.get(0), parent), find(merge.get(1), parent), parent, hasUser);
        }
        conflicts.removeIf(link -> find(link.a(), parent).equals(find(link.b(), parent)));
        Map<String, Set<String>> byRoot = new TreeMap<>();
        for (String identifier : parent.keySet()) {
            byRoot.computeIfAbsent(find(identifier, parent), r -> new TreeSet<>()).add(identifier);
        }
        List<Set<String>> customers = new ArrayList<>(byRoot.values());
        customers.sort(Comparator.comparing(set -> set.iterator().next()));
        return new Result(customers, conflicts);
    }

    private static void add(String identifier, Map<String, String> parent, Map<String, Boolean> hasUser) {
        if (parent.putIfAbsent(identifier, identifier) == null) {
            hasUser.put(identifier, Identifier.isUserId(identifier));
        }
    }

    /** Joins two roots under the smaller one, which then has a user id if either had. */
    private static void union(String rootA, String rootB, Map<String, String> parent, Map<String, Boolean> hasUser) {
        if (rootA.equals(rootB)) {
            return;
        }
        String root = rootA.compareTo(rootB) < 0 ? rootA : rootB;
        String child = root.equals(rootA) ? rootB : rootA;
        parent.put(child, root);
        hasUser.put(root, hasUser.get(rootA) || hasUser.get(rootB));
    }

    private static String find(String identifier, Map<String, String> parent) {
        String root = identifier;
        while (true) {
            @Nullable String up = parent.get(root);
            if (up == null || up.equals(root)) {
                break;
            }
            root = up;
        }
        // Path compression: point everything on the way straight at the root.
        String node = identifier;
        while (!node.equals(root)) {
            String up = parent.get(node);
            parent.put(node, root);
            node = up;
        }
        return root;
    }
}
