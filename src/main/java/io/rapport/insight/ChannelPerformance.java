package io.rapport.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Visits, orders, conversion and revenue by channel, Rapport source or UTM campaign over UTC days, read from the
 * daily roll-ups ({@code insight_channel_days}, {@code insight_channel_revenue}). A visit is a person active on a
 * day (a visitor of that day); over several days visits add up, so a person active on three days is three visits.
 * See docs/metrics.md.
 */
@Service
public class ChannelPerformance {

    /** The most rows (channels, sources or campaigns) a report lists, those with the most visits first. */
    public static final int MAX_ROWS = 1_000;

    private final JdbcClient jdbc;

    ChannelPerformance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the rows are. */
    public enum Dimension {
        CHANNEL, SOURCE, CAMPAIGN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Dimension> fromWire(String text) {
            return Arrays.stream(values()).filter(d -> d.wire().equalsIgnoreCase(text.strip())).findFirst();
        }
    }

    /**
     * One channel, source or campaign: {@code visits} (visitors summed over the days), {@code buyers} (of them, with
     * an order that day), the conversion rate 100 × buyers ÷ visits (Wilson 95% interval), orders, and per currency
     * the revenue and the average order value (revenue ÷ that currency's orders).
     */
    public record Row(String value, long visits, long buyers, long orders, @Nullable Estimate conversionRate,
            Map<String, BigDecimal> revenue, Map<String, BigDecimal> averageOrderValue) {
    }

    public record Report(LocalDate from, LocalDate to, Dimension by, List<Row> rows, boolean truncated) {
    }

    private static final class Tally {
        long visits;
        long buyers;
        long orders;
        final Map<String, BigDecimal> revenue = new TreeMap<>();
        final Map<String, Long> currencyOrders = new HashMap<>();

        Row row(String value) {
            Map<String, BigDecimal> shown = new TreeMap<>();
            Map<String, BigDecimal> average = new TreeMap<>();
            revenue.forEach((currency, sum) -> {
                shown.put(currency, Amounts.shown(currency, sum));
                average.put(currency, Amounts.average(currency, sum, currencyOrders.get(currency)));
            });
            return new Row(value, visits, buyers, orders, Proportion.percent(buyers, visits), shown, average);
        }
    }

    public Report report(LocalDate from, LocalDate to, Dimension by) {
        SurveyMetrics.checkedDays(from, to);
        Map<String, Tally> tallies = new HashMap<>();
        jdbc.sql("""
                select dimension_value, sum(visitors) as visits, sum(buyers) as buyers, sum(orders) as orders
                from insight_channel_days where dimension = ? and on_date between ? and ? group by dimension_value""")
                .params(by.wire(), from, to)
                .query(rs -> {
                    Tally tally = tallies.computeIfAbsent(rs.getString("dimension_value"), v -> new Tally());
                    tally.visits = rs.getLong("visits");
                    tally.buyers = rs.getLong("buyers");
                    tally.orders = rs.getLong("orders");
                });
        jdbc.sql("""
                select dimension_value, currency, sum(orders) as orders, sum(revenue) as revenue
                from insight_channel_revenue where dimension = ? and on_date between ? and ?
                group by dimension_value, currency""")
                .params(by.wire(), from, to)
                .query(rs -> {
                    Tally tally = tallies.computeIfAbsent(rs.getString("dimension_value"), v -> new Tally());
                    tally.revenue.put(rs.getString("currency"), rs.getBigDecimal("revenue"));
                    tally.currencyOrders.put(rs.getString("currency"), rs.getLong("orders"));
                });
        List<Row> rows = new ArrayList<>();
        tallies.forEach((value, tally) -> rows.add(tally.row(value)));
        rows.sort(Comparator.comparingLong(Row::visits).reversed().thenComparing(Comparator.comparingLong(Row::orders)
                .reversed()).thenComparing(Row::value));
        boolean truncated = rows.size() > MAX_ROWS;
        return new Report(from, to, by, truncated ? List.copyOf(rows.subList(0, MAX_ROWS)) : rows, truncated);
    }
}
