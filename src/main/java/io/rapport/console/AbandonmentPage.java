package io.rapport.console;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.insight.CartAbandonment;
import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricGrouping;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cart abandonment over time: the rate per day, week or month of cart creation with its 95% band, the abandoned
 * value per currency, the split by channel, a CSV export, and the abandoned carts behind a point of the chart.
 */
@Controller
@RequestMapping("/console/insight/abandonment")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class AbandonmentPage {

    private static final int DRILL_DOWN = 100;
    private static final List<String> CHANNELS = Arrays.stream(Channel.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();

    private final CartAbandonment abandonment;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    AbandonmentPage(CartAbandonment abandonment, Customers customers, Clock clock, JsonMapper json) {
        this.abandonment = abandonment;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    /** What the chart draws: per period its rate and 95% band (null without closed carts), carts and abandoned. */
    record Chart(List<String> labels, List<String> ends, List<@Nullable Double> rates, List<@Nullable Double> lows,
            List<@Nullable Double> highs, List<Long> carts, List<Long> abandoned, int hours, String channel) {
    }

    record Row(String key, long carts, long converted, long abandoned, long open, String rate, String low,
            String high, String value) {
    }

    @GetMapping
    String page(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String hours,
            @RequestParam(required = false) @Nullable String channel, Model model) {
        CartAbandonment.Query query = query(from, to, hours, channel, null);
        CartAbandonment.Report report = abandonment.report(query);
        model.addAttribute("from", query.from().toString());
        model.addAttribute("to", query.to().toString());
        model.addAttribute("hours", query.hours());
        model.addAttribute("channel", query.channel() == null ? "" : query.channel());
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("total", row(report.total()));
        model.addAttribute("rows", report.series().stream().map(AbandonmentPage::row).toList());
        model.addAttribute("byChannel", report.channels().stream().map(AbandonmentPage::row).toList());
        model.addAttribute("chart", json.writeValueAsString(chart(report)));
        return "console/insight-abandonment";
    }

    @GetMapping("/export")
    void export(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String hours,
            @RequestParam(required = false) @Nullable String channel, @RequestParam(defaultValue = "") String groupBy,
            HttpServletResponse response) throws IOException {
        CartAbandonment.Report report = abandonment.report(query(from, to, hours, channel, groupBy));
        try (CSVPrinter csv = InsightPage.csv(response, "abandonment")) {
            csv.printRecord("period", "carts", "converted", "abandoned", "open", "rate", "low", "high",
                    "abandoned value");
            for (CartAbandonment.Point point : report.series()) {
                Row row = row(point);
                csv.printRecord(row.key(), row.carts(), row.converted(), row.abandoned(), row.open(), row.rate(),
                        row.low(), row.high(), row.value());
            }
        }
    }

    record AbandonedCart(String cart, String person, @Nullable String customerId, String channel, String lastAdded,
            String convertedAt, String value) {
    }

    /** The abandoned carts behind a point of the chart: created on the UTC days {@code from} to {@code to}. */
    @GetMapping("/carts")
    String carts(@RequestParam String from, @RequestParam String to, @RequestParam(required = false) @Nullable String hours,
            @RequestParam(required = false) @Nullable String channel, Model model) {
        CartAbandonment.Query query = query(from, to, hours, channel, null);
        model.addAttribute("carts", abandonment.abandonedCarts(query, DRILL_DOWN).stream().map(this::cart).toList());
        model.addAttribute("period", query.from().equals(query.to()) ? query.from().toString()
                : query.from() + " to " + query.to());
        model.addAttribute("hours", query.hours());
        model.addAttribute("limit", DRILL_DOWN);
        return "console/insight-drill :: carts";
    }

    private CartAbandonment.Query query(@Nullable String from, @Nullable String to, @Nullable String hours,
            @Nullable String channel, @Nullable String groupBy) {
        MetricDays days = MetricDays.of(from, to, clock);
        MetricGrouping grouping = groupBy == null || groupBy.isBlank()
                ? InsightCharts.groupingFor(days.from(), days.to())
                : MetricGrouping.fromWire(groupBy).orElse(InsightCharts.groupingFor(days.from(), days.to()));
        return new CartAbandonment.Query(days.from(), days.to(), grouping,
                abandonment.hours(hours), channel);
    }

    static Chart chart(CartAbandonment.Report report) {
        List<CartAbandonment.Point> series = report.series();
        return new Chart(series.stream().map(CartAbandonment.Point::key).toList(),
                series.stream().map(p -> InsightCharts.periodEnd(report.groupBy(), LocalDate.parse(p.key()), report.to())
                        .toString()).toList(),
                series.stream().map(p -> p.rate() == null ? null : InsightCharts.round(p.rate().value())).toList(),
                series.stream().map(p -> p.rate() == null ? null : InsightCharts.round(p.rate().low())).toList(),
                series.stream().map(p -> p.rate() == null ? null : InsightCharts.round(p.rate().high())).toList(),
                series.stream().map(CartAbandonment.Point::carts).toList(),
                series.stream().map(CartAbandonment.Point::abandoned).toList(), report.hours(),
                report.channel() == null ? "" : report.channel());
    }

    private static Row row(CartAbandonment.Point point) {
        return new Row(point.key(), point.carts(), point.converted(), point.abandoned(), point.open(),
                text(InsightCharts.value(point.rate())),
                text(point.rate() == null ? null : InsightCharts.round(point.rate().low())),
                text(point.rate() == null ? null : InsightCharts.round(point.rate().high())),
                InsightCharts.amounts(point.abandonedValue()));
    }

    private static String text(@Nullable Double value) {
        return value == null ? "" : value.toString();
    }

    private AbandonedCart cart(CartAbandonment.AbandonedCart cart) {
        Optional<Customer.Id> customer = customers.find(Identifier.decode(cart.person()));
        return new AbandonedCart(cart.cartKey(), Identifier.decode(cart.person()).value(),
                customer.map(Customer.Id::toString).orElse(null), cart.channel(), Times.full(cart.lastAdded()),
                cart.convertedAt() == null ? "" : Times.full(cart.convertedAt()), InsightCharts.amounts(cart.added()));
    }
}
