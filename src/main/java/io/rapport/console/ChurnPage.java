package io.rapport.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.insight.ChurnMode;
import io.rapport.insight.ChurnQuery;
import io.rapport.insight.ChurnReport;
import io.rapport.insight.CustomerChurn;
import io.rapport.insight.MetricDays;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Churn: the mode switch and its parameters, active / at-risk / churned customers, the churn rate per period as a
 * line (a click lists the customers who churned in that period), the P(alive) distribution in model mode, the
 * definition, the table of periods and CSV downloads of the periods and of the churned customers.
 */
@Controller
@RequestMapping("/console/insight/churn")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class ChurnPage {

    private static final int DRILL_DOWN = 100;
    private static final int EXPORT_PAGE = 1_000;
    static final String[] PERIOD_HEADER = {"period", "start", "end", "alive", "churned", "ratePercent", "low", "high"};
    static final String[] CUSTOMER_HEADER = {"customer", "firstPurchase", "lastPurchase", "purchaseDays",
        "daysSinceLastPurchase", "probabilityAlive"};

    private final CustomerChurn churn;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    ChurnPage(CustomerChurn churn, Customers customers, Clock clock, JsonMapper json) {
        this.churn = churn;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    /** The page's parameters as the form sends them (texts; blank: the default). */
    record Form(@Nullable String mode, @Nullable String threshold, @Nullable String percentile,
            @Nullable String window, @Nullable String from, @Nullable String to, @Nullable String groupBy) {

        ChurnQuery query(Clock clock) {
            return ChurnQuery.of(mode, threshold, percentile, window, from, to, groupBy, clock);
        }

        /** The parameters of a computed query, as links and the drill-down repeat them. */
        static Map<String, String> of(ChurnQuery query, @Nullable String threshold, @Nullable String percentile,
                @Nullable String window) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("mode", query.mode().wire());
            values.put("threshold", threshold == null ? "" : threshold.strip());
            values.put("percentile", percentile == null ? "" : percentile.strip());
            values.put("window", window == null ? "" : window.strip());
            values.put("from", query.from().toString());
            values.put("to", query.to().toString());
            values.put("groupBy", query.groupBy().wire());
            return values;
        }
    }

    /** The churn-rate line: per period its key, last day, rate and interval (null without customers), counts. */
    record RateChart(List<String> labels, List<String> ends, List<@Nullable Double> rates,
            List<@Nullable Double> lows, List<@Nullable Double> highs, List<Long> alive, List<Long> churned) {
    }

    record Row(String key, String start, String end, long alive, long churned, String rate, String interval) {
    }

    record Churned(String person, @Nullable String customerId, String firstPurchase, String lastPurchase,
            int purchaseDays, long daysSince, String alive) {
    }

    @GetMapping
    String page(@ModelAttribute Form form, Model model) {
        ChurnQuery query = form.query(clock);
        Map<String, String> parameters = Form.of(query, form.threshold(), form.percentile(), form.window());
        model.addAttribute("section", "insight");
        model.addAttribute("values", parameters);
        model.addAttribute("drillLink", QueryLinks.of("/console/insight/churn/customers", parameters));
        model.addAttribute("exportLink", QueryLinks.of("/console/insight/churn/export", parameters));
        model.addAttribute("customersLink", QueryLinks.of("/console/insight/churn/customers/export", parameters));
        ChurnReport report;
        try {
            report = churn.report(query);
        } catch (ApiProblem problem) {
            if (problem.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw problem;
            }
            model.addAttribute("notEnoughData", problem.getMessage());
            return "console/insight-churn";
        }
        model.addAttribute("report", report);
        model.addAttribute("rows", report.series().stream().map(ChurnPage::row).toList());
        model.addAttribute("rateChart", json.writeValueAsString(chart(report)));
        if (report.mode() == ChurnMode.MODEL) {
            model.addAttribute("aliveChart", json.writeValueAsString(ClvPage.histogram(report.aliveDistribution(), false)));
        }
        return "console/insight-churn";
    }

    /** The customers behind a point of the line: alive at the period's start, churned at its end. */
    @GetMapping("/customers")
    String customers(@ModelAttribute Form form, @RequestParam(required = false) @Nullable String period,
            Model model) {
        ChurnQuery query = form.query(clock);
        LocalDate key = MetricDays.day("period", period);
        Page<ChurnReport.Customer> page = churn.churned(query, key, DRILL_DOWN, null);
        model.addAttribute("churned", page.items().stream().map(this::churned).toList());
        model.addAttribute("period", key == null ? "" : key.toString());
        model.addAttribute("more", page.next() != null);
        model.addAttribute("limit", DRILL_DOWN);
        Map<String, String> parameters = Form.of(query, form.threshold(), form.percentile(), form.window());
        if (key != null) {
            parameters.put("period", key.toString());
        }
        model.addAttribute("customersLink", QueryLinks.of("/console/insight/churn/customers/export", parameters));
        return "console/insight-drill :: churned";
    }

    /** The periods as CSV. */
    @GetMapping("/export")
    void export(@ModelAttribute Form form, HttpServletResponse response) throws IOException {
        ChurnReport report = churn.report(form.query(clock));
        try (CSVPrinter csv = csv(response, "churn-" + report.mode().wire() + "-" + report.to(), PERIOD_HEADER)) {
            for (ChurnReport.Period p : report.series()) {
                csv.printRecord(p.key(), p.start(), p.end(), p.fitted() ? p.alive() : "", p.fitted() ? p.churned() : "",
                        p.rate() == null ? "" : round(p.rate().value()), p.rate() == null ? "" : round(p.rate().low()),
                        p.rate() == null ? "" : round(p.rate().high()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Every churned customer (at 'to', or of one period) as CSV. */
    @GetMapping("/customers/export")
    void exportCustomers(@ModelAttribute Form form, @RequestParam(required = false) @Nullable String period,
            HttpServletResponse response) throws IOException {
        ChurnQuery query = form.query(clock);
        LocalDate key = MetricDays.day("period", period);
        Page<ChurnReport.Customer> page = churn.churned(query, key, EXPORT_PAGE, null);
        try (CSVPrinter csv = csv(response, "churned-" + (key == null ? query.to() : key), CUSTOMER_HEADER)) {
            while (true) {
                for (ChurnReport.Customer c : page.items()) {
                    csv.printRecord(CsvCells.text(Identifier.decode(c.person()).value()), c.firstPurchase(),
                            c.lastPurchase(), c.purchaseDays(), c.daysSinceLastPurchase(),
                            c.probabilityAlive() == null ? "" : round(c.probabilityAlive()));
                }
                if (page.next() == null) {
                    break;
                }
                page = churn.churned(query, key, EXPORT_PAGE, page.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static CSVPrinter csv(HttpServletResponse response, String name, String[] header) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv")
                .build().toString());
        return CSVFormat.RFC4180.builder().setHeader(header).get().print(response.getWriter());
    }

    static RateChart chart(ChurnReport report) {
        List<ChurnReport.Period> series = report.series();
        return new RateChart(series.stream().map(ChurnReport.Period::key).toList(),
                series.stream().map(p -> p.end().toString()).toList(),
                series.stream().map(p -> p.rate() == null ? null : round(p.rate().value())).toList(),
                series.stream().map(p -> p.rate() == null ? null : round(p.rate().low())).toList(),
                series.stream().map(p -> p.rate() == null ? null : round(p.rate().high())).toList(),
                series.stream().map(ChurnReport.Period::alive).toList(),
                series.stream().map(ChurnReport.Period::churned).toList());
    }

    private static Row row(ChurnReport.Period p) {
        return new Row(p.key(), p.start().toString(), p.end().toString(), p.alive(), p.churned(),
                p.rate() == null ? (p.fitted() ? "–" : "too little data") : String.format(Locale.ROOT, "%.1f %%",
                        p.rate().value()),
                p.rate() == null ? "" : String.format(Locale.ROOT, "%.1f–%.1f", p.rate().low(), p.rate().high()));
    }

    private Churned churned(ChurnReport.Customer c) {
        Identifier identifier = Identifier.decode(c.person());
        return new Churned(identifier.value(), customers.find(identifier).map(Customer.Id::value)
                .map(Object::toString).orElse(null), c.firstPurchase().toString(), c.lastPurchase().toString(),
                c.purchaseDays(), c.daysSinceLastPurchase(), c.probabilityAlive() == null ? ""
                        : String.format(Locale.ROOT, "%.0f %%", c.probabilityAlive() * 100));
    }

    private static @Nullable Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }
}
