package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.rapport.customer.Identifier;
import io.rapport.customer.TimelineEntry;
import io.rapport.customer.TimelineSource;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's orders on their timeline: placed (when completed), cancelled, and each refund, with the amount in its
 * currency and a link to the order. Keys: the order's row id × 4 (+ 0 placed, + 1 cancelled), a refund's id × 4 + 2.
 */
@Component
class OrderTimeline implements TimelineSource {

    private static final String ENTRIES = """
            select * from (
                select o.id * 4 as entry_key, o.completed_at as at, 'order.placed' as type, o.order_id, o.status,
                       o.total as amount, o.currency, false as whole_order
                from commerce_orders o
                where o.completed_at is not null and (o.user_identifier in (:ids) or o.anonymous_identifier in (:ids))
                union all
                select o.id * 4 + 1, o.cancelled_at, 'order.cancelled', o.order_id, o.status, o.total, o.currency, false
                from commerce_orders o
                where o.cancelled_at is not null and (o.user_identifier in (:ids) or o.anonymous_identifier in (:ids))
                union all
                select r.id * 4 + 2, r.refunded_at, 'order.refunded', o.order_id, o.status, r.amount, r.currency,
                       r.whole_order
                from commerce_refunds r join commerce_orders o on o.order_id = r.order_id
                where o.user_identifier in (:ids) or o.anonymous_identifier in (:ids)
            ) entries
            where at < :at or (at = :at and entry_key < :key)
            order by at desc, entry_key desc
            limit :limit""";

    private final JdbcClient jdbc;

    OrderTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public List<TimelineEntry> entries(Collection<Identifier> identifiers, Before before, int limit) {
        List<String> ids = identifiers.stream().map(Identifier::encoded).toList();
        return jdbc.sql(ENTRIES).param("ids", ids).param("at", Timestamps.of(before.at()))
                .param("key", before.key()).param("limit", limit)
                .query((rs, n) -> entry(rs.getLong("entry_key"), Timestamps.instant(rs, "at"), rs.getString("type"),
                        rs.getString("order_id"), rs.getString("status"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), rs.getBoolean("whole_order")))
                .list();
    }

    private TimelineEntry entry(long key, Instant at, String type, String orderId, String status,
            @Nullable BigDecimal amount, @Nullable String currency, boolean wholeOrder) {
        BigDecimal shown = Money.shown(amount, currency);
        String money = shown == null ? "" : " · " + shown.toPlainString() + " " + currency;
        String title = switch (type) {
            case "order.placed" -> "Order " + orderId + " placed" + money;
            case "order.cancelled" -> "Order " + orderId + " cancelled" + money;
            default -> "Order " + orderId + " refunded" + (wholeOrder ? " in full" : money);
        };
        ObjectNode data = JsonMapper.shared().createObjectNode().put("orderId", orderId).put("status", status);
        data.put(type.equals("order.refunded") ? "amount" : "total", shown);
        data.put("currency", currency);
        if (type.equals("order.refunded")) {
            data.put("wholeOrder", wholeOrder);
        }
        return new TimelineEntry(name(), key, at, type, title,
                "/console/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8).replace("+", "%20"),
                data.toString());
    }
}
