package io.rapport.insight.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.commerce.OrderValue;
import io.rapport.platform.SqlLists;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Builds the channel performance roll-ups from the event log. Every track, page or screen message of a person makes
 * them a visitor of its UTC day under its channel, its source and its campaign ({@link CampaignTouches}); an
 * {@code Order Completed} (once per {@code order_id}) adds an order, its revenue and a buyer under the same three.
 * A person counts once a day per value ({@code insight_channel_people}). A batch is summed in memory first, so each
 * person, day cell and revenue cell is written once per batch, and the batch's people and orders are read and
 * written in bulk; the checkpoint moves with these rows, so each event
 * counts exactly once.
 */
@Component
class ChannelActivityConsumer implements EventConsumer {

    private static final String COMPLETED = PurchaseActivityConsumer.COMPLETED;
    private static final Set<MessageType> VISITS = Set.of(MessageType.TRACK, MessageType.PAGE, MessageType.SCREEN);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final EventSources sources;
    private final CampaignTouches campaigns;
    private final String defaultCurrency;

    ChannelActivityConsumer(JdbcClient jdbc, JdbcTemplate batches, EventSources sources, CampaignTouches campaigns,
            @Value("${rapport.commerce.default-currency:EUR}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.sources = sources;
        this.campaigns = campaigns;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public String name() {
        return "insight.channels";
    }

    @Override
    public Lane lane() {
        return Lane.ROLLUPS;
    }

    private record Cell(LocalDate day, String dimension, String value) {
    }

    private record Visit(Cell cell, String person) {
    }

    private record RevenueCell(Cell cell, String currency) {
    }

    private record Revenue(String currency, BigDecimal value) {
    }

    /** What a batch adds: visits (and whether they bought), orders per cell, orders and revenue per currency. */
    private static final class Batch {
        final Map<Visit, Boolean> visits = new LinkedHashMap<>();
        final Map<Cell, long[]> days = new LinkedHashMap<>();
        final Map<RevenueCell, BigDecimal[]> revenue = new LinkedHashMap<>();

        long[] day(Cell cell) {
            return days.computeIfAbsent(cell, c -> new long[3]);
        }
    }

    @Override
    public void consume(List<TrackedEvent> events) {
        Batch batch = new Batch();
        CampaignTouches.Attribution attribution = campaigns.attribution();
        Set<String> newOrders = newOrders(events);
        for (TrackedEvent event : events) {
            @Nullable String person = EventFields.person(event);
            if (!VISITS.contains(event.type()) || person == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            Map<String, String> values = Map.of(
                    "channel", sources.channel(event).name().toLowerCase(Locale.ROOT),
                    "source", sources.name(event),
                    "campaign", attribution.of(person, event));
            boolean order = COMPLETED.equals(event.event()) && newOrders.remove(orderId(event));
            @Nullable Revenue revenue = order ? revenue(event.payload().path("properties")) : null;
            values.forEach((dimension, value) -> {
                Cell cell = new Cell(day, dimension, value);
                batch.visits.merge(new Visit(cell, person), order, Boolean::logicalOr);
                if (order) {
                    batch.day(cell)[2]++;
                }
                if (revenue != null) {
                    BigDecimal[] sums = batch.revenue.computeIfAbsent(new RevenueCell(cell, revenue.currency()),
                            c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sums[0] = sums[0].add(BigDecimal.ONE);
                    sums[1] = sums[1].add(revenue.value());
                }
            });
        }
        countPeople(batch);
        batch.days.forEach(this::addToDay);
        batch.revenue.forEach(this::addRevenue);
    }

    /**
     * The batch's completed orders not counted before, by {@code order_id}, now stored as counted (each with the
     * person of its first completion in the batch).
     */
    private Set<String> newOrders(List<TrackedEvent> events) {
        Map<String, String> completed = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            @Nullable String person = EventFields.person(event);
            @Nullable String orderId = COMPLETED.equals(event.event()) && event.type() == MessageType.TRACK
                    ? orderId(event) : null;
            if (person != null && orderId != null) {
                completed.putIfAbsent(orderId, person);
            }
        }
        for (List<String> chunk : SqlLists.chunks(completed.keySet())) {
            jdbc.sql("select order_id from insight_channel_orders where order_id in (:ids)").param("ids", chunk)
                    .query(String.class).list().forEach(completed::remove);
        }
        batches.batchUpdate("insert into insight_channel_orders (order_id, person) values (?, ?)",
                completed.entrySet().stream().map(order -> new Object[] {order.getKey(), order.getValue()}).toList());
        return new HashSet<>(completed.keySet());
    }

    private static @Nullable String orderId(TrackedEvent event) {
        return EventFields.id(event.payload().path("properties").path("order_id"));
    }

    /**
     * Counts the batch's visits: a person new to a day cell is a visitor there (and a buyer if they bought); one
     * already counted who now bought becomes a buyer, once. Read per 500 persons, written in JDBC batches.
     */
    private void countPeople(Batch batch) {
        if (batch.visits.isEmpty()) {
            return;
        }
        Map<Visit, Boolean> stored = stored(batch.visits.keySet());
        List<Object[]> visitors = new ArrayList<>();
        List<Object[]> buyers = new ArrayList<>();
        batch.visits.forEach((visit, bought) -> {
            Cell cell = visit.cell();
            Object[] row = {cell.day(), cell.dimension(), cell.value(), visit.person()};
            @Nullable Boolean boughtBefore = stored.get(visit);
            long[] day = batch.day(cell);
            if (boughtBefore == null) {
                visitors.add(new Object[] {row[0], row[1], row[2], row[3], bought});
                day[0]++;
                day[1] += bought ? 1 : 0;
            } else if (bought && !boughtBefore) {
                buyers.add(row);
                day[1]++;
            }
        });
        batches.batchUpdate("""
                insert into insight_channel_people (on_date, dimension, dimension_value, person, bought)
                values (?, ?, ?, ?, ?)""", visitors);
        batches.batchUpdate("""
                update insight_channel_people set bought = true
                where on_date = ? and dimension = ? and dimension_value = ? and person = ?""", buyers);
    }

    /** Which of {@code visits} are counted already, and whether as buyers. */
    private Map<Visit, Boolean> stored(Set<Visit> visits) {
        Set<String> persons = new HashSet<>();
        LocalDate first = LocalDate.MAX;
        LocalDate last = LocalDate.MIN;
        for (Visit visit : visits) {
            persons.add(visit.person());
            first = visit.cell().day().isBefore(first) ? visit.cell().day() : first;
            last = visit.cell().day().isAfter(last) ? visit.cell().day() : last;
        }
        Map<Visit, Boolean> stored = new HashMap<>();
        for (List<String> chunk : SqlLists.chunks(persons)) {
            jdbc.sql("""
                    select on_date, dimension, dimension_value, person, bought from insight_channel_people
                    where person in (:persons) and on_date between :first and :last""")
                    .param("persons", chunk).param("first", first).param("last", last)
                    .query(rs -> {
                        Visit visit = new Visit(new Cell(rs.getObject("on_date", LocalDate.class),
                                rs.getString("dimension"), rs.getString("dimension_value")), rs.getString("person"));
                        if (visits.contains(visit)) {
                            stored.put(visit, rs.getBoolean("bought"));
                        }
                    });
        }
        return stored;
    }

    /** Adds visitors, buyers and orders ({@code counts} in that order) to a day cell. */
    private void addToDay(Cell cell, long[] counts) {
        if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0) {
            return;
        }
        jdbc.sql("""
                insert into insight_channel_days (on_date, dimension, dimension_value, visitors, buyers, orders)
                values (?, ?, ?, 0, 0, 0) on conflict do nothing""")
                .params(cell.day(), cell.dimension(), cell.value()).update();
        jdbc.sql("""
                update insight_channel_days set visitors = visitors + ?, buyers = buyers + ?, orders = orders + ?
                where on_date = ? and dimension = ? and dimension_value = ?""")
                .params(counts[0], counts[1], counts[2], cell.day(), cell.dimension(), cell.value()).update();
    }

    /** Adds orders and revenue ({@code sums} in that order) to a revenue cell. */
    private void addRevenue(RevenueCell revenue, BigDecimal[] sums) {
        Cell cell = revenue.cell();
        jdbc.sql("""
                insert into insight_channel_revenue (on_date, dimension, dimension_value, currency, orders, revenue)
                values (?, ?, ?, ?, 0, 0) on conflict do nothing""")
                .params(cell.day(), cell.dimension(), cell.value(), revenue.currency()).update();
        jdbc.sql("""
                update insight_channel_revenue set orders = orders + ?, revenue = revenue + ?
                where on_date = ? and dimension = ? and dimension_value = ? and currency = ?""")
                .params(sums[0].longValueExact(), sums[1], cell.day(), cell.dimension(), cell.value(),
                        revenue.currency())
                .update();
    }

    /**
     * The order's value as the commerce module takes it ({@link OrderValue}), in its currency, else the default
     * currency. Nothing when it has no usable amount or currency: the order still counts, without revenue.
     */
    private @Nullable Revenue revenue(JsonNode properties) {
        @Nullable String currency = EventFields.currency(properties.path("currency"), defaultCurrency);
        if (currency == null) {
            return null;
        }
        return OrderValue.of(properties).map(value -> new Revenue(currency, value)).orElse(null);
    }
}
