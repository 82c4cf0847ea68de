package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Builds the channel performance roll-ups from the event log. Every track, page or screen message of a person makes
 * them a visitor of its UTC day under its channel, its source and its campaign ({@link CampaignTouches}); an
 * {@code Order Completed} (once per {@code order_id}) adds an order, its revenue and a buyer under the same three.
 * A person counts once a day per value ({@code insight_channel_people}). The checkpoint moves with these rows, so
 * each event counts exactly once.
 */
@Component
class ChannelActivityConsumer implements EventConsumer {

    static final String COMPLETED = "Order Completed";
    private static final Set<MessageType> VISITS = Set.of(MessageType.TRACK, MessageType.PAGE, MessageType.SCREEN);
    private static final String[] ORDER_VALUES = {"total", "revenue", "subtotal"};

    private final JdbcClient jdbc;
    private final EventSources sources;
    private final CampaignTouches campaigns;
    private final String defaultCurrency;

    ChannelActivityConsumer(JdbcClient jdbc, EventSources sources, CampaignTouches campaigns,
            @Value("${rapport.commerce.default-currency:EUR}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.campaigns = campaigns;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public String name() {
        return "insight.channels";
    }

    private record Visit(LocalDate day, String dimension, String value, String person) {
    }

    private record Revenue(String currency, BigDecimal value) {
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Set<Visit> counted = new HashSet<>();
        for (TrackedEvent event : events) {
            @Nullable String person = EventFields.person(event);
            if (!VISITS.contains(event.type()) || person == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            Map<String, String> values = Map.of(
                    "channel", sources.channel(event).name().toLowerCase(Locale.ROOT),
                    "source", sources.name(event),
                    "campaign", campaigns.attribute(person, event));
            boolean order = COMPLETED.equals(event.event()) && newOrder(event, person);
            @Nullable Revenue revenue = order ? revenue(event.payload().path("properties")) : null;
            values.forEach((dimension, value) -> {
                Visit visit = new Visit(day, dimension, value, person);
                if (order) {
                    bought(visit, revenue);
                } else if (counted.add(visit)) {
                    visited(visit);
                }
            });
        }
    }

    private boolean newOrder(TrackedEvent event, String person) {
        @Nullable String orderId = EventFields.id(event.payload().path("properties").path("order_id"));
        return orderId != null && jdbc.sql("""
                insert into insight_channel_orders (order_id, person) values (?, ?) on conflict do nothing""")
                .params(orderId, person).update() == 1;
    }

    /** A visitor of the day, unless already counted. */
    private void visited(Visit visit) {
        if (insertPerson(visit, false)) {
            addToDay(visit, 1, 0, 0);
        }
    }

    /** A visitor and buyer of the day (each once), and one more order with its revenue. */
    private void bought(Visit visit, @Nullable Revenue revenue) {
        if (insertPerson(visit, true)) {
            addToDay(visit, 1, 1, 1);
        } else {
            int firstPurchase = jdbc.sql("""
                    update insight_channel_people set bought = true
                    where on_date = ? and dimension = ? and dimension_value = ? and person = ? and bought = false""")
                    .params(visit.day(), visit.dimension(), visit.value(), visit.person()).update();
            addToDay(visit, 0, firstPurchase, 1);
        }
        if (revenue != null) {
            jdbc.sql("""
                    insert into insight_channel_revenue (on_date, dimension, dimension_value, currency, orders, revenue)
                    values (?, ?, ?, ?, 0, 0) on conflict do nothing""")
                    .params(visit.day(), visit.dimension(), visit.value(), revenue.currency()).update();
            jdbc.sql("""
                    update insight_channel_revenue set orders = orders + 1, revenue = revenue + ?
                    where on_date = ? and dimension = ? and dimension_value = ? and currency = ?""")
                    .params(revenue.value(), visit.day(), visit.dimension(), visit.value(), revenue.currency())
                    .update();
        }
    }

    private boolean insertPerson(Visit visit, boolean bought) {
        return jdbc.sql("""
                insert into insight_channel_people (on_date, dimension, dimension_value, person, bought)
                values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(visit.day(), visit.dimension(), visit.value(), visit.person(), bought).update() == 1;
    }

    private void addToDay(Visit visit, int visitors, int buyers, int orders) {
        jdbc.sql("""
                insert into insight_channel_days (on_date, dimension, dimension_value, visitors, buyers, orders)
                values (?, ?, ?, 0, 0, 0) on conflict do nothing""")
                .params(visit.day(), visit.dimension(), visit.value()).update();
        jdbc.sql("""
                update insight_channel_days set visitors = visitors + ?, buyers = buyers + ?, orders = orders + ?
                where on_date = ? and dimension = ? and dimension_value = ?""")
                .params(visitors, buyers, orders, visit.day(), visit.dimension(), visit.value()).update();
    }

    /**
     * The order's value as the commerce module takes it: {@code total}, else {@code revenue}, else {@code subtotal},
     * else the sum of its products' price × quantity; in its currency, else the default currency. Nothing when it
     * has no usable amount or currency: the order still counts, without revenue.
     */
    private @Nullable Revenue revenue(JsonNode properties) {
        @Nullable String currency = EventFields.currency(properties.path("currency"), defaultCurrency);
        if (currency == null) {
            return null;
        }
        for (String field : ORDER_VALUES) {
            @Nullable BigDecimal value = EventFields.amount(properties.path(field));
            if (value != null) {
                return new Revenue(currency, value);
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (JsonNode product : properties.path("products")) {
            @Nullable BigDecimal price = EventFields.amount(product.path("price"));
            if (price != null) {
                JsonNode quantity = product.path("quantity");
                sum = sum.add(price.multiply(BigDecimal.valueOf(quantity.isIntegralNumber() && quantity.asLong() >= 1
                        ? quantity.asLong() : 1)));
                any = true;
            }
        }
        return any ? new Revenue(currency, sum) : null;
    }
}
