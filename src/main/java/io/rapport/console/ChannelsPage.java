package io.rapport.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.rapport.insight.ChannelPerformance;
import io.rapport.insight.MetricDays;
import io.rapport.platform.ApiProblem;
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

/** Channel performance: a table and a bar chart of revenue and conversion by channel, source or campaign, as CSV. */
@Controller
@RequestMapping("/console/insight/channels")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class ChannelsPage {

    /** The chart shows the rows with the most visits. */
    private static final int CHART_ROWS = 20;

    private final ChannelPerformance performance;
    private final Clock clock;
    private final JsonMapper json;

    ChannelsPage(ChannelPerformance performance, Clock clock, JsonMapper json) {
        this.performance = performance;
        this.clock = clock;
        this.json = json;
    }

    /** Bars of revenue per currency and the conversion rate per row. */
    record Chart(List<String> labels, Map<String, List<BigDecimal>> revenue, List<@Nullable Double> conversion) {
    }

    record Row(String value, long visits, long buyers, long orders, String conversion, String revenue,
            String averageOrderValue) {
    }

    @GetMapping
    String page(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "channel") String by,
            Model model) {
        ChannelPerformance.Report report = report(from, to, by);
        model.addAttribute("from", report.from().toString());
        model.addAttribute("to", report.to().toString());
        model.addAttribute("by", report.by().wire());
        model.addAttribute("report", report);
        model.addAttribute("rows", report.rows().stream().map(ChannelsPage::row).toList());
        model.addAttribute("chart", json.writeValueAsString(chart(report)));
        return "console/insight-channels";
    }

    @GetMapping("/export")
    void export(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "channel") String by,
            HttpServletResponse response) throws IOException {
        ChannelPerformance.Report report = report(from, to, by);
        try (CSVPrinter csv = InsightPage.csv(response, "channels-by-" + report.by().wire())) {
            csv.printRecord(report.by().wire(), "visits", "buyers", "orders", "conversion rate", "revenue",
                    "average order value");
            for (ChannelPerformance.Row r : report.rows()) {
                Row row = row(r);
                csv.printRecord(row.value(), row.visits(), row.buyers(), row.orders(), row.conversion(), row.revenue(),
                        row.averageOrderValue());
            }
        }
    }

    private ChannelPerformance.Report report(@Nullable String from, @Nullable String to, String by) {
        MetricDays days = MetricDays.of(from, to, clock);
        return performance.report(days.from(), days.to(), ChannelPerformance.Dimension.fromWire(by).orElseThrow(
                () -> ApiProblem.invalidField("by", "Choose channel, source or campaign.")));
    }

    static Chart chart(ChannelPerformance.Report report) {
        List<ChannelPerformance.Row> rows = report.rows().subList(0, Math.min(CHART_ROWS, report.rows().size()));
        TreeSet<String> currencies = new TreeSet<>();
        rows.forEach(r -> currencies.addAll(r.revenue().keySet()));
        Map<String, List<BigDecimal>> revenue = new TreeMap<>();
        for (String currency : currencies) {
            List<BigDecimal> values = new ArrayList<>();
            rows.forEach(r -> values.add(r.revenue().getOrDefault(currency, BigDecimal.ZERO)));
            revenue.put(currency, values);
        }
        return new Chart(rows.stream().map(ChannelPerformance.Row::value).toList(), revenue,
                rows.stream().map(r -> InsightCharts.value(r.conversionRate())).toList());
    }

    static Row row(ChannelPerformance.Row row) {
        Double conversion = InsightCharts.value(row.conversionRate());
        return new Row(row.value(), row.visits(), row.buyers(), row.orders(), conversion == null ? "" : conversion
                .toString(), InsightCharts.amounts(row.revenue()), InsightCharts.amounts(row.averageOrderValue()));
    }
}
