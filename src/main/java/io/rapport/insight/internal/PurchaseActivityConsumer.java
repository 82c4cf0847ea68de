package io.rapport.insight.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the purchase activity that retention cohorts are read from, straight from the event log: each
 * {@code Order Completed} is a purchase by its person (the user id, else the anonymous id, encoded as an
 * {@link Identifier}) in the UTC month of its timestamp; an {@code Order Cancelled} takes the order out, whenever
 * it arrives. Orders are keyed by {@code order_id}, so an order completed twice counts once, and the checkpoint moves
 * with these rows, so a batch counts exactly once.
 * <p>
 * Per buyer it keeps the months with counted purchases; {@link BuyerCohorts} then moves each buyer the batch touched
 * in the cohort roll-ups.
 */
@Component
class PurchaseActivityConsumer implements EventConsumer {

    static final String COMPLETED = "Order Completed";
    static final String CANCELLED = "Order Cancelled";

    private final JdbcClient jdbc;
    private final BuyerCohorts cohorts;

    PurchaseActivityConsumer(JdbcClient jdbc, BuyerCohorts cohorts) {
        this.jdbc = jdbc;
        this.cohorts = cohorts;
    }

    @Override
    public String name() {
        return "insight.purchases";
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Map<String, BuyerCohorts.Buyer> before = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || !(COMPLETED.equals(event.event()) || CANCELLED.equals(event.event()))) {
                continue;
            }
            @Nullable String person = EventFields.person(event);
            @Nullable String orderId = EventFields.id(event.payload().path("properties").path("order_id"));
            if (person == null || orderId == null) {
                continue;
            }
            LocalDate month = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC).withDayOfMonth(1);
            if (COMPLETED.equals(event.event())) {
                completed(orderId, person, month, before);
            } else {
                cancelled(orderId, person, month, before);
            }
        }
        cohorts.update(before);
    }

    private void completed(String orderId, String person, LocalDate month, Map<String, BuyerCohorts.Buyer> before) {
        touch(person, before);
        int inserted = jdbc.sql("""
                insert into insight_purchases (order_id, person, purchase_month, counted) values (?, ?, ?, true)
                on conflict do nothing""").params(orderId, person, month).update();
        if (inserted == 1) {
            addOrders(person, month, 1);
        }
    }

    private void cancelled(String orderId, String person, LocalDate month, Map<String, BuyerCohorts.Buyer> before) {
        record Purchase(String person, LocalDate month, boolean counted) {
        }
        Optional<Purchase> known = jdbc.sql("select person, purchase_month, counted from insight_purchases where order_id = ?")
                .param(orderId)
                .query((rs, n) -> new Purchase(rs.getString("person"), rs.getObject("purchase_month", LocalDate.class),
                        rs.getBoolean("counted")))
                .optional();
        if (known.isEmpty()) {
            // Cancelled before it was completed: a later Order Completed must not count it.
            jdbc.sql("insert into insight_purchases (order_id, person, purchase_month, counted) values (?, ?, ?, false)")
                    .params(orderId, person, month).update();
        } else if (known.get().counted()) {
            touch(known.get().person(), before);
            jdbc.sql("update insight_purchases set counted = false where order_id = ?").param(orderId).update();
            addOrders(known.get().person(), known.get().month(), -1);
        }
    }

    /** Notes how the buyer stood before the batch first changed them. */
    private void touch(String person, Map<String, BuyerCohorts.Buyer> before) {
        if (!before.containsKey(person)) {
            before.put(person, cohorts.buyer(person));
        }
    }

    private void addOrders(String person, LocalDate month, int delta) {
        jdbc.sql("""
                insert into insight_person_months (person, purchase_month, orders) values (?, ?, 0)
                on conflict do nothing""").params(person, month).update();
        jdbc.sql("update insight_person_months set orders = orders + ? where person = ? and purchase_month = ?")
                .params(delta, person, month).update();
    }
}
