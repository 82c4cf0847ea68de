package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import io.rapport.platform.SqlLists;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the purchase activity that retention cohorts are read from, straight from the event log: each
 * {@code Order Completed} is a purchase by its person (the user id, else the anonymous id, encoded as an
 * {@link Identifier}) in the UTC month of its timestamp; an {@code Order Cancelled} takes the order out, whenever
 * it arrives. Orders are keyed by {@code order_id}, so an order completed twice counts once, and the checkpoint moves
 * with these rows, so a batch counts exactly once.
 * <p>
 * A batch's orders are read once, played through in memory in the order they arrived and written in batches;
 * {@link BuyerCohorts} then adds the counted orders per buyer and month and moves each buyer the batch changed in the
 * cohort roll-ups.
 */
@Component
class PurchaseActivityConsumer implements EventConsumer {

    static final String COMPLETED = "Order Completed";
    static final String CANCELLED = "Order Cancelled";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final BuyerCohorts cohorts;

    PurchaseActivityConsumer(JdbcClient jdbc, JdbcTemplate batches, BuyerCohorts cohorts) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.cohorts = cohorts;
    }

    @Override
    public String name() {
        return "insight.purchases";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        List<OrderEvent> orders = new ArrayList<>();
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || !(COMPLETED.equals(event.event()) || CANCELLED.equals(event.event()))) {
                continue;
            }
            @Nullable String person = EventFields.person(event);
            @Nullable String orderId = EventFields.id(event.payload().path("properties").path("order_id"));
            if (person != null && orderId != null) {
                orders.add(new OrderEvent(COMPLETED.equals(event.event()), orderId,
                        new Purchase(person, LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC).withDayOfMonth(1),
                                true)));
            }
        }
        if (orders.isEmpty()) {
            return;
        }
        Map<String, Purchase> stored = stored(orders.stream().map(OrderEvent::orderId).distinct().toList());
        Map<String, Purchase> now = new HashMap<>(stored);
        Map<String, Map<LocalDate, Integer>> counted = new LinkedHashMap<>();
        for (OrderEvent order : orders) {
            Purchase known = now.get(order.orderId());
            if (order.completed() && known == null) {
                now.put(order.orderId(), order.purchase());
                count(order.purchase(), 1, counted);
            } else if (!order.completed() && known == null) {
                // Cancelled before it was completed: a later Order Completed must not count it.
                now.put(order.orderId(), order.purchase().uncounted());
            } else if (!order.completed() && known.counted()) {
                now.put(order.orderId(), known.uncounted());
                count(known, -1, counted);
            }
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> uncounts = new ArrayList<>();
        now.forEach((orderId, purchase) -> {
            Purchase before = stored.get(orderId);
            if (before == null) {
                inserts.add(new Object[] {orderId, purchase.person(), purchase.month(), purchase.counted()});
            } else if (before.counted() && !purchase.counted()) {
                uncounts.add(new Object[] {orderId});
            }
        });
        batch("insert into insight_purchases (order_id, person, purchase_month, counted) values (?, ?, ?, ?)", inserts);
        batch("update insight_purchases set counted = false where order_id = ?", uncounts);
        cohorts.add(counted);
    }

    /** An order completed or cancelled, by whom and in which month. */
    private record OrderEvent(boolean completed, String orderId, Purchase purchase) {
    }

    private record Purchase(String person, LocalDate month, boolean counted) {

        Purchase uncounted() {
            return new Purchase(person, month, false);
        }
    }

    private Map<String, Purchase> stored(List<String> orderIds) {
        Map<String, Purchase> stored = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(orderIds)) {
            jdbc.sql("select order_id, person, purchase_month, counted from insight_purchases where order_id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        stored.put(rs.getString("order_id"), new Purchase(rs.getString("person"),
                                rs.getObject("purchase_month", LocalDate.class), rs.getBoolean("counted")));
                    });
        }
        return stored;
    }

    private static void count(Purchase purchase, int orders, Map<String, Map<LocalDate, Integer>> counted) {
        counted.computeIfAbsent(purchase.person(), p -> new HashMap<>()).merge(purchase.month(), orders, Integer::sum);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }
}
