package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rapport.customer.CustomerFigures;
import io.rapport.customer.Identifier;
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

    /** The order changed: its people's figures are computed again (both ids, as its main one may have moved). */
    void orderChanged(String orderId) {
        jdbc.sql("select user_identifier, anonymous_identifier from commerce_orders where order_id = ?").param(orderId)
                .query((rs, n) -> List.of(Objects.requireNonNullElse(rs.getString("user_identifier"), ""),
                        Objects.requireNonNullElse(rs.getString("anonymous_identifier"), "")))
                .optional().orElse(List.of()).stream().filter(id -> !id.isEmpty()).forEach(this::recompute);
    }

    private void recompute(String identifier) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        // The orders whose main identifier this is; a user id is never an anonymous id, so one index lookup.
        String person = Identifier.isUserId(identifier) ? "o.user_identifier = ?"
                : "o.anonymous_identifier = ? and o.user_identifier is null";
        jdbc.sql("""
                select o.currency, coalesce(o.total, o.revenue, o.subtotal,
                                            (select sum(l.price * l.quantity) from commerce_order_lines l
                                             where l.order_id = o.order_id and l.price is not null)) as order_value
                from commerce_orders o
                where o.completed_at is not null and o.status <> 'CANCELLED' and\s""" + person)
                .param(identifier)
                .query(rs -> {
                    values.merge(PREFIX + "orders", BigDecimal.ONE, BigDecimal::add);
                    BigDecimal value = rs.getBigDecimal("order_value");
                    if (rs.getString("currency") != null && value != null) {
                        values.merge(PREFIX + "revenue." + rs.getString("currency"), value, BigDecimal::add);
                    }
                });
        figures.replace(identifier, PREFIX, values);
    }
}
