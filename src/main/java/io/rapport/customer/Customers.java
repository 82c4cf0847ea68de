package io.rapport.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.platform.DataSubject;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads customers: by identifier; whole, with identities, traits and channels (their timeline: {@link Timeline}). */
@Service
public class Customers {

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer an identifier belongs to now. */
    public Optional<Customer.Id> find(Identifier identifier) {
        return jdbc.sql("select customer_id from identities where identifier = ?").param(identifier.encoded())
                .query(UUID.class).optional().map(Customer.Id::new);
    }

    /** The most customers one search lists; a person refines the search rather than paging through more. */
    public static final int MAX_SEARCH_RESULTS = 50;

    /**
     * Customers with an identifier (user id, anonymous id, email, phone, external id) or a name or email trait
     * containing {@code text}, case-insensitively; the newest customers first, at most {@link #MAX_SEARCH_RESULTS}.
     */
    public List<Summary> search(String text) {
        String pattern = "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        List<UUID> ids = jdbc.sql("""
                select c.id from customers c
                where exists (select 1 from identities i where i.customer_id = c.id
                              and (lower(i.identifier) like :pattern escape '\\'
                                   or exists (select 1 from customer_traits t where t.identifier = i.identifier
                                              and t.name in ('name', 'firstName', 'lastName', 'email')
                                              and lower(t.value_json) like :pattern escape '\\')))
                order by c.created_at desc, c.id limit :limit""")
                .param("pattern", pattern)
                .param("limit", MAX_SEARCH_RESULTS)
                .query(UUID.class).list();
        List<Summary> summaries = new ArrayList<>();
        for (UUID id : ids) {
            get(new Customer.Id(id)).map(Summary::of).ifPresent(summaries::add);
        }
        return summaries;
    }

    /** A line of a customer list: a display name, an email, and how many identifiers and events they have. */
    public record Summary(Customer.Id id, String name, @Nullable String email, int identifiers, long events,
            Instant createdAt) {

        static Summary of(Customer customer) {
            String email = customer.identities().stream().filter(i -> i.type() == Identifier.Type.EMAIL)
                    .map(Customer.Identity::value).findFirst().orElse(null);
            String name = Customer.displayName(customer);
            long events = customer.channels().stream().mapToLong(Customer.ChannelActivity::events).sum();
            return new Summary(customer.id(), name, email, customer.identities().size(), events, customer.createdAt());
        }
    }

    public boolean exists(Customer.Id id) {
        return jdbc.sql("select count(*) from customers where id = ?").param(id.value()).query(Long.class).single() > 0;
    }

    /** The customer as the subject of a data export or erasure: their id and every identifier they have now. */
    public Optional<DataSubject> dataSubject(Customer.Id id) {
        if (!exists(id)) {
            return Optional.empty();
        }
        List<String> identifiers = jdbc.sql("select identifier from identities where customer_id = ?").param(id.value())
                .query(String.class).list();
        return Optional.of(new DataSubject(id.value(), Set.copyOf(identifiers)));
    }

    public Optional<Customer> get(Customer.Id id) {
        var created = jdbc.sql("select created_at from customers where id = ?").param(id.value())
                .query((rs, n) -> Timestamps.instant(rs, "created_at")).optional();
        if (created.isEmpty()) {
            return Optional.empty();
        }
        List<Customer.Identity> identities = new ArrayList<>();
        jdbc.sql("select identifier, first_seen from identities where customer_id = ? order by identifier")
                .param(id.value())
                .query(rs -> {
                    Identifier identifier = Identifier.decode(rs.getString("identifier"));
                    identities.add(new Customer.Identity(identifier.type(), identifier.value(),
                            Timestamps.instant(rs, "first_seen")));
                });
        Map<String, Customer.Trait> traits = new LinkedHashMap<>();
        // The newest value of each trait over all of the customer's identifiers.
        jdbc.sql("""
                select t.name, t.value_json, t.set_at from customer_traits t
                join identities i on i.identifier = t.identifier
                where i.customer_id = ? order by t.name, t.set_at""")
                .param(id.value())
                .query(rs -> {
                    traits.put(rs.getString("name"), new Customer.Trait(rs.getString("value_json"),
                            Timestamps.instant(rs, "set_at")));
                });
        List<Customer.ChannelActivity> channels = jdbc.sql("""
                select a.channel, sum(a.events) as events, min(a.first_seen) as first_seen,
                       max(a.last_seen) as last_seen
                from customer_activity a join identities i on i.identifier = a.identifier
                where i.customer_id = ? group by a.channel order by events desc, a.channel""")
                .param(id.value())
                .query((rs, n) -> new Customer.ChannelActivity(Channel.valueOf(rs.getString("channel")),
                        rs.getLong("events"), Timestamps.instant(rs, "first_seen"), Timestamps.instant(rs, "last_seen")))
                .list();
        return Optional.of(new Customer(id, created.get(), identities, traits, channels));
    }

    /** Pairs of identifiers that would have joined two customers with different user ids. */
    public List<Conflict> conflicts(int limit) {
        return jdbc.sql("select a, b, seen_at, message_id from identity_conflicts order by seen_at desc limit ?")
                .param(limit)
                .query((rs, n) -> new Conflict(Identifier.decode(rs.getString("a")), Identifier.decode(rs.getString("b")),
                        Timestamps.instant(rs, "seen_at"), rs.getString("message_id")))
                .list();
    }

    /** Two identifiers a message showed together, left apart because each belongs to another user id. */
    public record Conflict(Identifier a, Identifier b, Instant seenAt, String messageId) {
    }
}
