package io.rapport.commerce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import io.rapport.collect.MessageType;
import io.rapport.collect.Source;
import io.rapport.collect.TrackedEvent;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projector writes a whole batch at once, and falls back to one event at a time when the batch fails: both
 * ways must leave exactly the rows that projecting every event on its own leaves. Random shopping histories over a
 * few shared orders, products, carts and people (with equal timestamps, currency changes, refunds, malformed
 * properties and an amount too large to store) are projected three ways under different id prefixes and compared.
 */
@RapportTest
class CommerceBatchingTest {

    private static final String[] EVENTS = {"Product Viewed", "Product Added", "Product Removed", "Cart Viewed",
            "Checkout Started", "Coupon Applied", "Order Completed", "Order Completed", "Order Updated",
            "Order Cancelled", "Order Refunded", "Payment Info Entered"};

    @Autowired
    CommerceProjector projector;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_batch_leaves_the_same_rows_as_its_events_one_by_one() {
        for (int scenario = 0; scenario < 24; scenario++) {
            long seed = new Random().nextLong();
            boolean poisoned = scenario % 2 == 1;
            String run = UUID.randomUUID().toString().substring(0, 8);
            String alone = "a" + run + "-";
            String together = "b" + run + "-";
            List<TrackedEvent> one = history(new Random(seed), alone, poisoned, false);
            for (TrackedEvent event : one) {
                transactions.executeWithoutResult(status -> projector.consume(List.of(event)));
            }
            List<TrackedEvent> all = history(new Random(seed), together, poisoned, false);
            transactions.executeWithoutResult(status -> projector.consume(all));

            assertThat(rows(together)).as("seed %d, poisoned %s", seed, poisoned).isEqualTo(rows(alone));
            assertThat(rows(alone)).as("seed %d", seed).isNotEmpty();
        }
    }

    @Test
    void a_batch_split_anywhere_leaves_the_same_rows() {
        for (int scenario = 0; scenario < 12; scenario++) {
            long seed = new Random().nextLong();
            String run = UUID.randomUUID().toString().substring(0, 8);
            String whole = "c" + run + "-";
            String split = "d" + run + "-";
            List<TrackedEvent> once = history(new Random(seed), whole, false, false);
            transactions.executeWithoutResult(status -> projector.consume(once));
            List<TrackedEvent> events = history(new Random(seed), split, false, false);
            int cut = new Random(seed).nextInt(events.size());
            transactions.executeWithoutResult(status -> projector.consume(events.subList(0, cut + 1)));
            if (cut + 1 < events.size()) {
                transactions.executeWithoutResult(status -> projector.consume(events.subList(cut + 1, events.size())));
            }

            assertThat(rows(split)).as("seed %d, cut after %d", seed, cut).isEqualTo(rows(whole));
        }
    }

    /**
     * A replay finds every effect already there. The histories here have one event per second, in log order, every
     * event names its currency, and there are no cart events: an order line without a currency is priced in the
     * order's currency as it stands when the line is read, and a cart opened in the log after an order that
     * converts it (by time, checkout or cart id) is converted only when that order is replayed (docs/commerce.md).
     */
    @Test
    void replaying_a_history_changes_nothing() {
        for (int scenario = 0; scenario < 12; scenario++) {
            long seed = new Random().nextLong();
            String prefix = "e" + UUID.randomUUID().toString().substring(0, 8) + "-";
            List<TrackedEvent> events = history(new Random(seed), prefix, false, true);
            transactions.executeWithoutResult(status -> projector.consume(events));
            List<String> before = rows(prefix);
            transactions.executeWithoutResult(status -> projector.consume(events));

            assertThat(rows(prefix)).as("seed %d", seed).isEqualTo(before);
        }
    }

    /**
     * A random history whose ids all start with {@code prefix}; the same seed gives the same history. With
     * {@code poisoned}, one event cannot be stored; {@code inOrder}, the events are a second apart in log order,
     * every one names a currency and none is a cart event (else they are at one of six minutes, and some name none).
     */
    private static List<TrackedEvent> history(Random random, String prefix, boolean poisoned, boolean inOrder) {
        UUID source = UUID.nameUUIDFromBytes(prefix.getBytes());
        Instant start = Instant.parse("2026-05-01T10:00:00Z");
        List<TrackedEvent> events = new ArrayList<>();
        int size = 10 + random.nextInt(40);
        int poison = poisoned ? random.nextInt(size) : -1;
        for (int i = 0; i < size; i++) {
            String name = EVENTS[random.nextInt(EVENTS.length)];
            if (inOrder && CommerceProjector.CART_EVENTS.contains(name)) {
                name = "Product Viewed";
            }
            String user = random.nextInt(4) == 0 ? null : prefix + "u" + random.nextInt(2);
            String anonymous = user != null && random.nextBoolean() ? null : prefix + "v" + random.nextInt(2);
            StringBuilder properties = new StringBuilder("{\"order_id\":\"" + prefix + "o" + random.nextInt(3) + "\"");
            if (random.nextInt(3) == 0) {
                properties.append(",\"cart_id\":\"").append(prefix).append("c").append(random.nextInt(2)).append('"');
            }
            properties.append(",\"product_id\":\"").append(prefix).append("p").append(random.nextInt(3)).append('"')
                    .append(",\"name\":\"").append(random.nextBoolean() ? "Mug" : "Cup").append('"')
                    .append(",\"price\":").append(random.nextInt(5) == 0 ? "\"x\"" : random.nextInt(30) + ".5")
                    .append(",\"quantity\":").append(random.nextInt(4));
            switch (random.nextInt(inOrder ? 3 : 5)) {
                case 0 -> properties.append(",\"currency\":\"USD\"");
                case 1 -> properties.append(",\"currency\":\"XYZ\"");
                case 2 -> properties.append(",\"currency\":\"eur\"");
                default -> { }
            }
            if (random.nextBoolean()) {
                properties.append(",\"total\":").append(random.nextInt(80))
                        .append(",\"tax\":").append(random.nextInt(5));
            }
            if (random.nextBoolean()) {
                properties.append(",\"affiliation\":\"").append(random.nextBoolean() ? "Shop" : "Outlet").append('"');
            }
            if (random.nextBoolean()) {
                properties.append(",\"products\":[");
                int lines = 1 + random.nextInt(3);
                for (int line = 0; line < lines; line++) {
                    properties.append(line == 0 ? "" : ",").append("{\"product_id\":\"").append(prefix).append('p')
                            .append(random.nextInt(4)).append("\",\"price\":").append(random.nextInt(20))
                            .append(",\"quantity\":").append(1 + random.nextInt(3)).append('}');
                }
                properties.append(']');
            }
            if (i == poison) {
                // 10^21 refunded: more than a numeric(19,4) holds, so writing it fails.
                name = "Order Refunded";
                properties = new StringBuilder("{\"order_id\":\"" + prefix + "o0\",\"products\":[{\"price\":"
                        + "999999999999999,\"quantity\":1000000}]");
            }
            properties.append('}');
            Instant at = inOrder ? start.plusSeconds(i) : start.plus(random.nextInt(6), ChronoUnit.MINUTES);
            String messageId = prefix + "m" + i;
            String json = "{\"type\":\"track\",\"event\":\"" + name + "\",\"messageId\":\"" + messageId
                    + "\",\"properties\":" + properties + "}";
            events.add(new TrackedEvent(1_000_000 + i, new Source.Id(source), messageId, MessageType.TRACK, name, user,
                    anonymous, at, at, json));
        }
        return events;
    }

    /** Every commerce row of the prefix, in identity order where a table has one, with the prefix taken out. */
    private List<String> rows(String prefix) {
        String like = "%" + prefix + "%";
        List<String> rows = new ArrayList<>();
        for (String query : List.of(
                "select * from commerce_products where product_id like ? order by id",
                "select * from commerce_orders where order_id like ? order by id",
                "select * from commerce_order_lines where order_id like ? order by order_id, line_no",
                "select * from commerce_refunds where order_id like ? order by order_id, message_id",
                "select * from commerce_coupons where message_id like ? order by message_id",
                "select * from commerce_carts where cart_key like ? order by id",
                "select * from commerce_cart_events where message_id like ? order by message_id",
                "select * from commerce_problems where message_id like ? order by message_id")) {
            jdbc.sql(query).param(like).query(rs -> {
                StringBuilder row = new StringBuilder(query.substring(14, query.indexOf(" where")));
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    String name = rs.getMetaData().getColumnName(column);
                    if (!List.of("id", "source_id", "seen_at").contains(name.toLowerCase(Locale.ROOT))) {
                        row.append(' ').append(name).append('=').append(rs.getString(column));
                    }
                }
                rows.add(row.toString().replace(prefix, ""));
            });
        }
        return rows;
    }
}
