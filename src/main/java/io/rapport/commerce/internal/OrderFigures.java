package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rapport.customer.CustomerFigures;
import io.rapport.customer.Identifier;
import io.rapport.platform.SqlLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives the customer module each person's order figures, so customer lists can filter on them:
 * {@code commerce.orders} (completed orders that are not cancelled) and {@code commerce.revenue.<currency>} (their
 * value: total, else revenue, else subtotal, else the sum of the lines, as in {@code CommerceSummary}). An order
 * counts for its main identifier only (the user, else the anonymous id), so summing over a customer's identifiers
 * counts it once.
 */
@Component
class OrderFigures {

    static final String PREFIX = "commerce.";

    private final JdbcClient jdbc;
    private final CustomerFigures figures;

    OrderFigures(JdbcClient jdbc, CustomerFigures figures) {
        this.jdbc = jdbc;
        this.figures = figures;
    }

    /**
     * These orders changed: their people's figures are computed again (both ids of each order, as its main one may
     * have moved). A few queries per 500 orders and per 500 people, so a batch of orders costs little more than one.
     */
    void ordersChanged(Collection<String> orderIds) {
        Set<String> people = new LinkedHashSet<>();
        for (List<String> chunk : SqlLists.chunks(orderIds)) {
            jdbc.sql("select user_identifier, anonymous_identifier from commerce_orders where order_id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        Stream.of(rs.getString("user_identifier"), rs.getString("anonymous_identifier"))
                                .filter(Objects::nonNull).forEach(people::add);
                    });
        }
        Map<String, Map<String, BigDecimal>> values = new LinkedHashMap<>();
        people.forEach(person -> values.put(person, new LinkedHashMap<>()));
        Map<Boolean, List<String>> byType = people.stream().collect(Collectors.partitioningBy(Identifier::isUserId));
        // The orders whose main identifier each is; a user id is never an anonymous id, so one index lookup.
        sum(byType.get(true), "user_identifier", "o.user_identifier in (:ids)", values);
        sum(byType.get(false), "anonymous_identifier", "o.anonymous_identifier in (:ids) and o.user_identifier is null",
                values);
        figures.replace(PREFIX, values);
    }

    private void sum(List<String> people, String column, String condition,
            Map<String, Map<String, BigDecimal>> values) {
        for (List<String> chunk : SqlLists.chunks(people)) {
            jdbc.sql("""
                    select o.%s as person, o.currency, coalesce(o.total, o.revenue, o.subtotal,
                                                (select sum(l.price * l.quantity) from commerce_order_lines l
                                                 where l.order_id = o.order_id and l.price is not null)) as order_value
                    from commerce_orders o
                    where o.completed_at is not null and o.status <> 'CANCELLED' and %s""".formatted(column, condition))
                    .param("ids", chunk)
                    .query(rs -> {
                        Map<String, BigDecimal> person = values.get(rs.getString("person"));
                        person.merge(PREFIX + "orders", BigDecimal.ONE, BigDecimal::add);
                        BigDecimal value = rs.getBigDecimal("order_value");
                        if (rs.getString("currency") != null && value != null) {
                            person.merge(PREFIX + "revenue." + rs.getString("currency"), value, BigDecimal::add);
                        }
                    });
        }
    }
}
