package io.rapport.insight;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Cart abandonment: of the carts created on some days whose window has closed, the share without an Order Completed
 * within N hours of their last Product Added, and the value added to them. Read from the daily roll-ups by
 * conversion hours ({@code insight_cart_days}, {@code insight_cart_value_days}) less the carts still open, which are
 * found through the index on their last add; never from the event log or all carts. See docs/metrics.md.
 */
@Service
public class CartAbandonment {

    /** The longest window, in hours, a report may ask for (30 days). */
    public static final int MAX_HOURS = 720;
    /** The most carts a drill-down lists. */
    public static final int MAX_CARTS = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int defaultHours;

    CartAbandonment(JdbcClient jdbc, Clock clock,
            @Value("${rapport.commerce.cart-abandoned-after:PT1H}") Duration abandonedAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        long hours = (abandonedAfter.toSeconds() + 3599) / 3600;
        this.defaultHours = (int) Math.clamp(hours, 1, MAX_HOURS);
    }

    /** The window used when a request names none: {@code rapport.commerce.cart-abandoned-after}, in whole hours. */
    public int defaultHours() {
        return defaultHours;
    }

    /** The window a person asked for, in whole hours, or {@link #defaultHours()}; a non-number is a problem. */
    public int hours(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return defaultHours;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("hours", "'" + text + "' is not a whole number of hours from 1 to "
                    + MAX_HOURS + ".");
        }
    }

    /** Carts created on UTC days {@code from} to {@code to}, abandoned when not converted within {@code hours}. */
    public record Query(LocalDate from, LocalDate to, MetricGrouping groupBy, int hours, @Nullable String channel) {

        public Query {
            if (!groupBy.byTime()) {
                throw ApiProblem.invalidField("groupBy", "groupBy must be one of day, week, month.");
            }
            SurveyMetrics.checkSeries(from, to, groupBy);
            if (hours < 1 || hours > MAX_HOURS) {
                throw ApiProblem.invalidField("hours", "hours must be a whole number from 1 to " + MAX_HOURS + ".");
            }
            channel = channel == null || channel.isBlank() ? null : channel.strip().toLowerCase(Locale.ROOT);
        }

        /** Whether carts created on {@code day} in {@code cartChannel} belong to the query. */
        boolean covers(LocalDate day, String cartChannel) {
            return !day.isBefore(from) && !day.isAfter(to) && (channel == null || channel.equals(cartChannel));
        }
    }

    /**
     * Carts of a period or channel: {@code carts} whose window has closed, {@code converted} within it,
     * {@code abandoned} = carts − converted, the rate 100 × abandoned ÷ carts (Wilson 95% interval), the value added
     * to the abandoned carts per currency, and the carts still {@code open} (not counted).
     */
    public record Point(String key, long carts, long converted, long abandoned, long open, @Nullable Estimate rate,
            Map<String, BigDecimal> abandonedValue) {
    }

    public record Report(LocalDate from, LocalDate to, MetricGrouping groupBy, int hours, @Nullable String channel,
            Point total, List<Point> series, List<Point> channels) {
    }

    /** An abandoned cart, for the drill-down. */
    public record AbandonedCart(String cartKey, String person, LocalDate createdOn, String channel, Instant lastAdded,
            @Nullable Instant convertedAt, Map<String, BigDecimal> added) {
    }

    private record Cell(LocalDate day, String channel) {
    }

    /** Counts of one cell: carts, converted within the window, and abandoned value per currency. */
    private static final class Tally {
        long carts;
        long converted;
        long open;
        final Map<String, BigDecimal> abandonedValue = new TreeMap<>();

        void add(Tally other) {
            carts += other.carts;
            converted += other.converted;
            open += other.open;
            other.abandonedValue.forEach((currency, value) -> abandonedValue.merge(currency, value, BigDecimal::add));
        }

        Point point(String key) {
            long abandoned = carts - converted;
            Map<String, BigDecimal> values = new TreeMap<>();
            abandonedValue.forEach((currency, value) -> {
                if (value.signum() != 0) {
                    values.put(currency, Amounts.shown(currency, value));
                }
            });
            return new Point(key, carts, converted, abandoned, open, Proportion.percent(abandoned, carts), values);
        }
    }

    public Report report(Query query) {
        Map<Cell, Tally> cells = cells(query);
        Map<LocalDate, Tally> periods = new LinkedHashMap<>();
        for (LocalDate p = query.groupBy().periodOf(query.from()); !p.isAfter(query.to()); p = query.groupBy().next(p)) {
            periods.put(p, new Tally());
        }
        Map<String, Tally> channels = new TreeMap<>();
        Tally total = new Tally();
        cells.forEach((cell, tally) -> {
            periods.get(query.groupBy().periodOf(cell.day())).add(tally);
            channels.computeIfAbsent(cell.channel(), c -> new Tally()).add(tally);
            total.add(tally);
        });
        List<Point> series = new ArrayList<>();
        periods.forEach((period, tally) -> series.add(tally.point(period.toString())));
        List<Point> byChannel = new ArrayList<>();
        channels.forEach((channel, tally) -> byChannel.add(tally.point(channel)));
        return new Report(query.from(), query.to(), query.groupBy(), query.hours(), query.channel(),
                total.point("total"), series, byChannel);
    }

    /** The abandoned carts of a query's days (closed, not converted within the window), last added first. */
    public List<AbandonedCart> abandonedCarts(Query query, int limit) {
        if (limit < 1 || limit > MAX_CARTS) {
            throw ApiProblem.invalidField("limit", "limit must be from 1 to " + MAX_CARTS + ".");
        }
        List<AbandonedCart> carts = jdbc.sql("""
                select cart_key, person, created_on, channel, last_added_at, converted_at from insight_carts
                where created_on between :from and :to and (:channel = '' or channel = :channel)
                  and last_added_at <= :closed and (conversion_hours < 0 or conversion_hours > :hours)
                order by last_added_at desc, cart_key limit :limit""")
                .param("from", query.from()).param("to", query.to()).param("channel", channelParam(query))
                .param("closed", Timestamps.of(closedBefore(query))).param("hours", query.hours())
                .param("limit", limit)
                .query((rs, n) -> new AbandonedCart(rs.getString("cart_key"), rs.getString("person"),
                        rs.getObject("created_on", LocalDate.class), rs.getString("channel"),
                        Timestamps.instant(rs, "last_added_at"), Timestamps.nullableInstant(rs, "converted_at"),
                        new TreeMap<>()))
                .list();
        for (AbandonedCart cart : carts) {
            jdbc.sql("select currency, added from insight_cart_values where cart_key = ? order by currency")
                    .param(cart.cartKey())
                    .query(rs -> {
                        cart.added().put(rs.getString("currency"), rs.getBigDecimal("added"));
                    });
        }
        return carts;
    }

    private Map<Cell, Tally> cells(Query query) {
        Map<Cell, Tally> cells = new TreeMap<>((a, b) -> a.day().equals(b.day())
                ? a.channel().compareTo(b.channel()) : a.day().compareTo(b.day()));
        String window = "(conversion_hours between 0 and :hours)";
        String where = "created_on between :from and :to and (:channel = '' or channel = :channel)";
        Map<String, Object> params = Map.of("from", query.from(), "to", query.to(), "channel", channelParam(query),
                "hours", query.hours(), "closed", Timestamps.of(closedBefore(query)));
        jdbc.sql("select created_on, channel, sum(carts) as carts, sum(case when " + window + " then carts else 0 end)"
                        + " as converted from insight_cart_days where " + where + " group by created_on, channel")
                .params(params)
                .query(rs -> {
                    Tally tally = tally(cells, rs.getObject("created_on", LocalDate.class), rs.getString("channel"));
                    tally.carts += rs.getLong("carts");
                    tally.converted += rs.getLong("converted");
                });
        // The open carts are read by their last add alone and the query's days and channel kept here: with the days
        // in the SQL, H2 takes the index on created_on (a range it rates above last_added_at > ?) and reads every
        // cart of the days, while the open carts are only those of the last hours.
        jdbc.sql("select created_on, channel, count(*) as carts, sum(case when " + window + " then 1 else 0 end)"
                        + " as converted from insight_carts where last_added_at > :closed group by created_on, channel")
                .params(params)
                .query(rs -> {
                    LocalDate day = rs.getObject("created_on", LocalDate.class);
                    String channel = rs.getString("channel");
                    if (query.covers(day, channel)) {
                        Tally tally = tally(cells, day, channel);
                        tally.carts -= rs.getLong("carts");
                        tally.converted -= rs.getLong("converted");
                        tally.open += rs.getLong("carts");
                    }
                });
        jdbc.sql("select created_on, channel, currency, sum(added) as added from insight_cart_value_days where "
                        + where + " and not " + window + " group by created_on, channel, currency")
                .params(params)
                .query(rs -> {
                    tally(cells, rs.getObject("created_on", LocalDate.class), rs.getString("channel"))
                            .abandonedValue.merge(rs.getString("currency"), rs.getBigDecimal("added"), BigDecimal::add);
                });
        jdbc.sql("""
                select c.created_on, c.channel, v.currency, sum(v.added) as added
                from insight_carts c join insight_cart_values v on v.cart_key = c.cart_key
                where c.last_added_at > :closed and not (c.conversion_hours between 0 and :hours)
                group by c.created_on, c.channel, v.currency""")
                .params(params)
                .query(rs -> {
                    LocalDate day = rs.getObject("created_on", LocalDate.class);
                    String channel = rs.getString("channel");
                    if (query.covers(day, channel)) {
                        tally(cells, day, channel).abandonedValue.merge(rs.getString("currency"),
                                rs.getBigDecimal("added").negate(), BigDecimal::add);
                    }
                });
        return cells;
    }

    private static Tally tally(Map<Cell, Tally> cells, LocalDate day, String channel) {
        return cells.computeIfAbsent(new Cell(day, channel), c -> new Tally());
    }

    /** Carts whose last add is after this are still open: their window has not closed yet. */
    private Instant closedBefore(Query query) {
        return clock.instant().minus(Duration.ofHours(query.hours()));
    }

    private static String channelParam(Query query) {
        return query.channel() == null ? "" : query.channel();
    }
}
