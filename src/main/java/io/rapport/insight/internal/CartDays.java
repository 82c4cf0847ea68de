package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each cart is counted in the abandonment roll-ups ({@code insight_cart_days}, {@code insight_cart_value_days}):
 * by its day of creation, channel and conversion hours. A cart whose adds or conversion changed is taken out as it
 * stood and put back as it stands, so any window of N hours is answered from the counts.
 */
@Component
class CartDays {

    /** Carts not converted (yet). */
    static final int NOT_CONVERTED = -1;
    /** The longest window a report may ask for; later conversions are all counted as {@link #LATER}. */
    static final int MAX_HOURS = 720;
    static final int LATER = MAX_HOURS + 1;

    /** How a cart is counted: its cell of the roll-up and the value added to it per currency. */
    record Counted(LocalDate createdOn, String channel, int conversionHours, Map<String, BigDecimal> added) {
    }

    private final JdbcClient jdbc;

    CartDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whole hours, rounded up, from the last add to the conversion: converted within N hours ⇔ at most N. */
    static int conversionHours(Instant lastAdded, @Nullable Instant convertedAt) {
        if (convertedAt == null) {
            return NOT_CONVERTED;
        }
        long seconds = Duration.between(lastAdded, convertedAt).toSeconds();
        if (seconds <= 0) {
            return 0;
        }
        long hours = (seconds + 3599) / 3600;
        return hours > MAX_HOURS ? LATER : (int) hours;
    }

    /** The cart as the roll-ups count it now, or nothing for a cart not seen yet. */
    @Nullable Counted counted(String cartKey) {
        Map<String, BigDecimal> added = new HashMap<>();
        jdbc.sql("select currency, added from insight_cart_values where cart_key = ?").param(cartKey)
                .query(rs -> {
                    added.put(rs.getString("currency"), rs.getBigDecimal("added"));
                });
        return jdbc.sql("select created_on, channel, conversion_hours from insight_carts where cart_key = ?")
                .param(cartKey)
                .query((rs, n) -> new Counted(rs.getObject("created_on", LocalDate.class), rs.getString("channel"),
                        rs.getInt("conversion_hours"), Map.copyOf(added)))
                .optional().orElse(null);
    }

    /** Moves the carts from how they were counted ({@code before}, null for new carts) to how they stand now. */
    void move(Map<String, @Nullable Counted> before) {
        before.forEach((cartKey, then) -> {
            Counted now = counted(cartKey);
            if (Objects.equals(then, now)) {
                return;
            }
            if (then != null) {
                add(then, -1);
            }
            if (now != null) {
                add(now, 1);
            }
        });
    }

    private void add(Counted cart, int sign) {
        List<Object> cell = List.of(cart.createdOn(), cart.channel(), cart.conversionHours());
        jdbc.sql("""
                insert into insight_cart_days (created_on, channel, conversion_hours, carts) values (?, ?, ?, 0)
                on conflict do nothing""").params(cell).update();
        jdbc.sql("""
                update insight_cart_days set carts = carts + ?
                where created_on = ? and channel = ? and conversion_hours = ?""")
                .params(sign, cart.createdOn(), cart.channel(), cart.conversionHours()).update();
        cart.added().forEach((currency, value) -> {
            jdbc.sql("""
                    insert into insight_cart_value_days (created_on, channel, conversion_hours, currency, added)
                    values (?, ?, ?, ?, 0) on conflict do nothing""")
                    .params(cart.createdOn(), cart.channel(), cart.conversionHours(), currency).update();
            jdbc.sql("""
                    update insight_cart_value_days set added = added + ?
                    where created_on = ? and channel = ? and conversion_hours = ? and currency = ?""")
                    .params(sign > 0 ? value : value.negate(), cart.createdOn(), cart.channel(),
                            cart.conversionHours(), currency).update();
        });
    }
}
