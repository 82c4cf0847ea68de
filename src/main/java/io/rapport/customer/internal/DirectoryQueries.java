package io.rapport.customer.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.CustomerDirectory;
import io.rapport.customer.CustomerFilter;
import io.rapport.customer.Identifier;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds the customers of a filter in the directory, newest first along {@code customers.seq}. One index drives
 * the scan (see {@link #driver}) and every other filter is a condition on the customer's row, current trait
 * values or identifiers, so a page costs the rows read until it is full, not the whole table.
 */
@Service
class DirectoryQueries implements CustomerDirectory {

    private static final int EXPORT_PAGE = 1_000;

    private final JdbcClient jdbc;
    private final Profiles profiles;

    DirectoryQueries(JdbcClient jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    private record Row(long seq, UUID id) {
    }

    @Override
    public Page<Customer> list(CustomerFilter filter, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        Map<String, Object> params = new HashMap<>();
        params.put("below", Cursors.decode(cursor));
        params.put("rows", size + 1);
        String sql = driver(filter) + conditions(filter, params) + order(filter) + " limit :rows";
        List<Row> rows = jdbc.sql(sql).params(params)
                .query((rs, n) -> new Row(rs.getLong("seq"), rs.getObject("id", UUID.class))).list();
        Page<Row> page = Cursors.page(rows, size, Row::seq);
        return new Page<>(profiles.load(page.items().stream().map(Row::id).toList()), page.next());
    }

    /**
     * Where the scan starts: the identifier of an identifier filter (one customer at most); else the index of the
     * first trait filter's value, read newest first, so a page costs the matching customers read and not the
     * customers that do not match; else every customer, newest first.
     */
    private static String driver(CustomerFilter filter) {
        if (!filter.identifiers().isEmpty()) {
            return "select c.seq, c.id from identities d join customers c on c.id = d.customer_id where c.seq < :below";
        }
        if (traitDrives(filter)) {
            return "select c.seq, c.id from customer_trait_values d join customers c on c.id = d.customer_id"
                    + " where d.seq < :below";
        }
        return "select c.seq, c.id from customers c where c.seq < :below";
    }

    /** Ordered along the driving index, so the database reads it in order and stops at the page's end. */
    private static String order(CustomerFilter filter) {
        return traitDrives(filter) ? " order by d.name desc, d.value_key desc, d.seq desc" : " order by c.seq desc";
    }

    /** No identifier filter, and trait filters whose values can all be compared (else none matches anyway). */
    private static boolean traitDrives(CustomerFilter filter) {
        return filter.identifiers().isEmpty() && !filter.traits().isEmpty()
                && filter.traits().values().stream().allMatch(value -> TraitKey.of(value).isPresent());
    }

    @Override
    public void forEach(CustomerFilter filter, Consumer<Customer> action) {
        String cursor = null;
        do {
            Page<Customer> page = list(filter, EXPORT_PAGE, cursor);
            page.items().forEach(action);
            cursor = page.next();
        } while (cursor != null);
    }

    private static String conditions(CustomerFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter.text() != null) {
            where.append(' ').append("""
                    and exists (select 1 from identities i where i.customer_id = c.id
                                and (lower(i.identifier) like :text escape '\\'
                                     or exists (select 1 from customer_traits t where t.identifier = i.identifier
                                                and t.name in ('name', 'firstName', 'lastName', 'email')
                                                and lower(t.value_json) like :text escape '\\')))""");
            params.put("text", Like.containing(filter.text().strip()));
        }
        int n = 0;
        for (Identifier identifier : filter.identifiers()) {
            where.append(n == 0 ? " and d.identifier = :identifier0"
                    : " and c.id = (select customer_id from identities where identifier = :identifier" + n + ")");
            params.put("identifier" + n++, identifier.encoded());
        }
        boolean traitDrives = traitDrives(filter);
        n = 0;
        for (var trait : filter.traits().entrySet()) {
            String key = TraitKey.of(trait.getValue()).orElse(null);
            if (key == null) {
                // Values this long are never compared, so none is equal.
                where.append(" and 1 = 0");
                continue;
            }
            where.append(traitDrives && n == 0 ? " and d.name = :traitName0 and d.value_key = :traitKey0"
                    : " and exists (select 1 from customer_trait_values v where v.customer_id = c.id and v.name = :traitName"
                            + n + " and v.value_key = :traitKey" + n + ")");
            params.put("traitName" + n, trait.getKey());
            params.put("traitKey" + n++, key);
        }
        if (filter.lastSeenAfter() != null) {
            where.append(" and c.last_seen >= :lastSeenAfter");
            params.put("lastSeenAfter", Timestamps.of(filter.lastSeenAfter()));
        }
        if (filter.lastSeenBefore() != null) {
            where.append(" and c.last_seen < :lastSeenBefore");
            params.put("lastSeenBefore", Timestamps.of(filter.lastSeenBefore()));
        }
        if (filter.channel() != null) {
            where.append(" and ',' || c.channels || ',' like :channel");
            params.put("channel", "%," + filter.channel().name() + ",%");
        }
        n = 0;
        for (var figure : filter.minFigures().entrySet()) {
            where.append(' ').append("""
                    and (select coalesce(sum(f.amount), 0) from identities i
                         join customer_figures f on f.identifier = i.identifier
                         where i.customer_id = c.id and f.name = :figureName""").append(n)
                    .append(") >= :figureMin").append(n);
            params.put("figureName" + n, figure.getKey());
            params.put("figureMin" + n++, figure.getValue());
        }
        return where.toString();
    }
}
