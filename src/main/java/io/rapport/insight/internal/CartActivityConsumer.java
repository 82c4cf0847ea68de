package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.commerce.OrderValue;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Builds the carts that cart abandonment is read from, straight from the event log. A {@code Product Added} opens or
 * extends a cart: the shop's {@code cart_id} (as in the commerce module), else the person's not converted cart of
 * the add's UTC day, else a new one. An {@code Order Completed} converts, as in the commerce module, the cart named
 * by its {@code cart_id} and the person's carts whose first add is not after the order. The checkpoint moves with
 * these rows, so each event counts exactly once; {@link CartDays} keeps the roll-ups in step.
 */
@Component
class CartActivityConsumer implements EventConsumer {

    static final String ADDED = "Product Added";
    private static final String COMPLETED = PurchaseActivityConsumer.COMPLETED;

    private final JdbcClient jdbc;
    private final CartDays days;
    private final EventSources sources;
    private final String defaultCurrency;

    CartActivityConsumer(JdbcClient jdbc, CartDays days, EventSources sources,
            @Value("${rapport.commerce.default-currency:EUR}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.days = days;
        this.sources = sources;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public String name() {
        return "insight.carts";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Map<String, CartDays.@Nullable Counted> before = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || !(ADDED.equals(event.event()) || COMPLETED.equals(event.event()))) {
                continue;
            }
            @Nullable String person = EventFields.person(event);
            if (person == null) {
                continue;
            }
            JsonNode properties = event.payload().path("properties");
            @Nullable String cartId = EventFields.id(properties.path("cart_id"));
            if (ADDED.equals(event.event())) {
                added(event, person, cartId, properties, before);
            } else {
                completed(event.timestamp(), person, cartId, before);
            }
        }
        days.move(before);
    }

    private void added(TrackedEvent event, String person, @Nullable String cartId, JsonNode properties,
            Map<String, CartDays.@Nullable Counted> before) {
        Instant at = event.timestamp();
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String cartKey = cartId != null ? "cart:" + cartId : openCartOf(person, day);
        if (cartKey == null) {
            cartKey = "person:" + person + "#" + day + "#" + event.seq();
        }
        touch(cartKey, before);
        int opened = jdbc.sql("""
                insert into insight_carts (cart_key, person, created_on, channel, first_added_at, last_added_at,
                    conversion_hours)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(cartKey, person, day, sources.channel(event).name().toLowerCase(Locale.ROOT),
                        Timestamps.of(at), Timestamps.of(at), CartDays.NOT_CONVERTED)
                .update();
        if (opened == 0) {
            extend(cartKey, at);
        }
        addValue(cartKey, properties);
    }

    /** A later (or, arriving late, earlier) add: the cart's span, day of creation and conversion hours follow it. */
    private void extend(String cartKey, Instant at) {
        record Span(Instant first, Instant last, @Nullable Instant converted) {
        }
        Span span = jdbc.sql("select first_added_at, last_added_at, converted_at from insight_carts where cart_key = ?")
                .param(cartKey)
                .query((rs, n) -> new Span(Timestamps.instant(rs, "first_added_at"),
                        Timestamps.instant(rs, "last_added_at"), Timestamps.nullableInstant(rs, "converted_at")))
                .single();
        Instant first = at.isBefore(span.first()) ? at : span.first();
        Instant last = at.isAfter(span.last()) ? at : span.last();
        jdbc.sql("""
                update insight_carts set first_added_at = ?, last_added_at = ?, created_on = ?, conversion_hours = ?
                where cart_key = ?""")
                .params(Timestamps.of(first), Timestamps.of(last), LocalDate.ofInstant(first, ZoneOffset.UTC),
                        CartDays.conversionHours(last, span.converted()), cartKey)
                .update();
    }

    /** The added product's line (price × quantity) as the commerce module takes it, in its currency or the default. */
    private void addValue(String cartKey, JsonNode properties) {
        @Nullable BigDecimal value = OrderValue.line(properties).orElse(null);
        @Nullable String currency = EventFields.currency(properties.path("currency"), defaultCurrency);
        if (value == null || currency == null) {
            return;
        }
        jdbc.sql("insert into insight_cart_values (cart_key, currency, added) values (?, ?, 0) on conflict do nothing")
                .params(cartKey, currency).update();
        jdbc.sql("update insight_cart_values set added = added + ? where cart_key = ? and currency = ?")
                .params(value, cartKey, currency).update();
    }

    private void completed(Instant at, String person, @Nullable String cartId,
            Map<String, CartDays.@Nullable Counted> before) {
        // Two queries rather than one with "or", so each uses its index.
        Set<String> converted = new LinkedHashSet<>(jdbc.sql("""
                select cart_key from insight_carts where person = ? and first_added_at <= ? and converted_at is null""")
                .params(person, Timestamps.of(at)).query(String.class).list());
        if (cartId != null) {
            converted.addAll(jdbc.sql("select cart_key from insight_carts where cart_key = ? and converted_at is null")
                    .param("cart:" + cartId).query(String.class).list());
        }
        for (String cartKey : converted) {
            touch(cartKey, before);
            jdbc.sql("update insight_carts set converted_at = ?, conversion_hours = ? where cart_key = ?")
                    .params(Timestamps.of(at), CartDays.conversionHours(lastAdded(cartKey), at), cartKey).update();
        }
    }

    private Instant lastAdded(String cartKey) {
        return jdbc.sql("select last_added_at from insight_carts where cart_key = ?").param(cartKey)
                .query((rs, n) -> Timestamps.instant(rs, "last_added_at")).single();
    }

    /** The person's not converted cart of that day without a cart id, most recently added to. */
    private @Nullable String openCartOf(String person, LocalDate day) {
        return jdbc.sql("""
                select cart_key from insight_carts
                where person = ? and created_on = ? and converted_at is null and cart_key like 'person:%'
                order by last_added_at desc, cart_key desc limit 1""")
                .params(person, day).query(String.class).optional().orElse(null);
    }

    /** Notes how the cart was counted before the batch first changed it. */
    private void touch(String cartKey, Map<String, CartDays.@Nullable Counted> before) {
        if (!before.containsKey(cartKey)) {
            before.put(cartKey, days.counted(cartKey));
        }
    }
}
