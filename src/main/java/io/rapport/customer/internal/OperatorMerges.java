package io.rapport.customer.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.customer.CustomerMerges;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores merges as links between one identifier of each customer and resolves their region again at once. Holds
 * the identity consumer's checkpoint lock meanwhile, so the consumer never regroups the same identifiers at the
 * same time.
 */
@Service
class OperatorMerges implements CustomerMerges {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final IdentityProjector projector;
    private final Clock clock;
    private final RowMapper<Merge> row;

    OperatorMerges(JdbcClient jdbc, Customers customers, IdentityProjector projector, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.projector = projector;
        this.clock = clock;
        this.row = (rs, n) -> {
            Identifier a = Identifier.decode(rs.getString("a"));
            return new Merge(rs.getObject("id", UUID.class), a, Identifier.decode(rs.getString("b")),
                    Timestamps.instant(rs, "merged_at"), rs.getString("merged_by"),
                    Timestamps.nullableInstant(rs, "undone_at"), rs.getString("undone_by"),
                    customers.find(a).orElse(null));
        };
    }

    @Override
    @Transactional
    public Merge merge(Customer.Id customer, Customer.Id other, String mergedBy) {
        if (customer.equals(other)) {
            throw ApiProblem.invalidField("customerId", "A customer cannot be merged with itself.");
        }
        lockIdentityGraph();
        String a = anIdentifierOf(customer);
        String b = anIdentifierOf(other);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customer_merges (id, a, b, merged_at, merged_by) values (?, ?, ?, ?, ?)")
                .params(id, a, b, Timestamps.of(clock.instant()), mergedBy).update();
        projector.resolveAround(List.of(a, b));
        return get(id);
    }

    @Override
    @Transactional
    public Merge undo(UUID mergeId, String undoneBy) {
        lockIdentityGraph();
        Merge merge = get(mergeId);
        if (merge.undoneAt() != null) {
            throw ApiProblem.conflict("This merge was undone already, at " + merge.undoneAt() + ".");
        }
        jdbc.sql("update customer_merges set undone_at = ?, undone_by = ? where id = ?")
                .params(Timestamps.of(clock.instant()), undoneBy, mergeId).update();
        projector.resolveAround(List.of(merge.a().encoded(), merge.b().encoded()));
        return get(mergeId);
    }

    @Override
    public List<Merge> list(int limit) {
        return jdbc.sql("select * from customer_merges order by merged_at desc limit ?").param(limit).query(row).list();
    }

    private Merge get(UUID id) {
        return jdbc.sql("select * from customer_merges where id = ?").param(id).query(row).optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no merge with the id " + id + "."));
    }

    private String anIdentifierOf(Customer.Id customer) {
        return jdbc.sql("select min(identifier) from identities where customer_id = ?").param(customer.value())
                .query(String.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + customer + "."));
    }

    private void lockIdentityGraph() {
        jdbc.sql("select position from consumer_checkpoints where consumer = ? for update")
                .param(projector.name()).query(Long.class).optional();
    }
}
