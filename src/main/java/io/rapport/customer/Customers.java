package io.rapport.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.customer.internal.Profiles;
import io.rapport.platform.DataSubject;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads customers: by identifier; whole, with identities, traits and channels (their timeline: {@link Timeline}).
 * Lists of customers are read through {@link CustomerDirectory}.
 */
@Service
public class Customers {

    private final JdbcClient jdbc;
    private final Profiles profiles;

    Customers(JdbcClient jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    /** The customer an identifier belongs to now. */
    public Optional<Customer.Id> find(Identifier identifier) {
        return jdbc.sql("select customer_id from identities where identifier = ?").param(identifier.encoded())
                .query(UUID.class).optional().map(Customer.Id::new);
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
        return profiles.load(List.of(id.value())).stream().findFirst();
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
