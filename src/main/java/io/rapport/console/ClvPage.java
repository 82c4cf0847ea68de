package io.rapport.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rapport.commerce.Orders;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.insight.ClvQuery;
import io.rapport.insight.ClvReport;
import io.rapport.insight.ClvValidation;
import io.rapport.insight.CustomerLifetimeValue;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer lifetime value: the parameters, the distributions of predicted value and of P(alive), the hold-out
 * check (from a past calibration end to the hold-out end, by default today), the definition, the top customers and a CSV export of all of them.
 */
@Controller
@RequestMapping("/console/metrics/clv")
@PreAuthorize("hasRole('ANALYST')")
class ClvPage {

    private static final int TOP = 50;
    private static final int EXPORT_PAGE = 1000;
    static final String[] CSV_HEADER = {"customer", "historicRevenue", "repeatPurchases", "recencyWeeks",
        "ageWeeks", "probabilityAlive", "expectedPurchases", "expectedSpend", "predictedValue", "churned"};

    private final CustomerLifetimeValue lifetimeValue;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    ClvPage(CustomerLifetimeValue lifetimeValue, Customers customers, Clock clock, JsonMapper json) {
        this.lifetimeValue = lifetimeValue;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    record Row(String person, @Nullable String customerId, String historic, int repeatPurchases, String alive,
            String expectedPurchases, String expectedSpend, String predicted, boolean churned) {
    }

    record Histogram(List<String> labels, List<Integer> customers) {
    }

    record HoldOut(List<String> labels, List<Double> predicted, List<Long> actual) {
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "12") @Nullable String horizonMonths,
            @RequestParam(defaultValue = "0.1") @Nullable String discountRate,
            @RequestParam(defaultValue = "0.5") @Nullable String churnThreshold,
            @RequestParam(required = false) @Nullable String calibrationEnd,
            @RequestParam(required = false) @Nullable String holdOutEnd,
            @RequestParam(required = false) @Nullable String currency, Model model) {
        model.addAttribute("section", "clv");
        model.addAttribute("horizonMonths", horizonMonths);
        model.addAttribute("discountRate", discountRate);
        model.addAttribute("churnThreshold", churnThreshold);
        model.addAttribute("calibrationEnd", calibrationEnd == null ? "" : calibrationEnd.strip());
        model.addAttribute("holdOutEnd", holdOutEnd == null ? "" : holdOutEnd.strip());
        model.addAttribute("currency", currency == null ? "" : currency.strip());
        ClvQuery query = ClvQuery.of(calibrationEnd, currency, horizonMonths, discountRate, churnThreshold);
        ClvReport report;
        try {
            report = lifetimeValue.report(query, TOP, null);
        } catch (ApiProblem problem) {
            if (problem.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw problem;
            }
            model.addAttribute("notEnoughData", problem.getMessage());
            return "console/clv";
        }
        String money = report.model().currency();
        model.addAttribute("report", report);
        model.addAttribute("money", money);
        model.addAttribute("rows", report.customers().items().stream().map(this::row).toList());
        model.addAttribute("valueChart", json.writeValueAsString(histogram(report.summary().valueDistribution(),
                true)));
        model.addAttribute("aliveChart", json.writeValueAsString(histogram(report.summary().aliveDistribution(),
                false)));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (query.calibrationEnd() != null && query.calibrationEnd().isBefore(today)) {
            ClvValidation validation = lifetimeValue.validate(query.calibrationEnd(),
                    Orders.Filter.day("holdOutEnd", holdOutEnd), query.currency());
            model.addAttribute("validation", validation);
            model.addAttribute("holdOutChart", json.writeValueAsString(new HoldOut(
                    validation.byFrequency().stream().map(ClvValidation.Row::label).toList(),
                    validation.byFrequency().stream().map(r -> Math.round(r.predicted() * 10) / 10.0).toList(),
                    validation.byFrequency().stream().map(ClvValidation.Row::actual).toList())));
        }
        return "console/clv";
    }

    /** Every customer the report scores, highest predicted value first, as CSV (see {@link CustomerCsv#cell}). */
    @GetMapping("/export")
    void export(@RequestParam(defaultValue = "12") @Nullable String horizonMonths,
            @RequestParam(defaultValue = "0.1") @Nullable String discountRate,
            @RequestParam(defaultValue = "0.5") @Nullable String churnThreshold,
            @RequestParam(required = false) @Nullable String calibrationEnd,
            @RequestParam(required = false) @Nullable String currency, HttpServletResponse response)
            throws IOException {
        ClvQuery query = ClvQuery.of(calibrationEnd, currency, horizonMonths, discountRate, churnThreshold);
        ClvReport first = lifetimeValue.report(query, EXPORT_PAGE, null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("clv-" + first.model().calibrationEnd() + ".csv").build().toString());
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get().print(response.getWriter())) {
            ClvReport page = first;
            while (true) {
                for (ClvReport.CustomerValue c : page.customers().items()) {
                    csv.printRecord(CsvCells.text(Identifier.decode(c.person()).value()), c.historicRevenue(),
                            c.repeatPurchases(), round(c.recencyWeeks()), round(c.ageWeeks()),
                            round(c.probabilityAlive()), round(c.expectedPurchases()), c.expectedSpend(),
                            c.predictedValue(), c.churned());
                }
                if (page.customers().next() == null) {
                    break;
                }
                page = lifetimeValue.report(query, EXPORT_PAGE, page.customers().next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Row row(ClvReport.CustomerValue c) {
        Identifier identifier = Identifier.decode(c.person());
        Optional<Customer.Id> id = customers.find(identifier);
        return new Row(identifier.value(), id.map(customerId -> customerId.value().toString()).orElse(null),
                c.historicRevenue().toPlainString(), c.repeatPurchases(), percent(c.probabilityAlive()),
                String.format(Locale.ROOT, "%.2f", c.expectedPurchases()), c.expectedSpend().toPlainString(),
                c.predictedValue().toPlainString(), c.churned());
    }

    /** Histogram buckets as the page's bar chart takes them: money ranges, else P(alive) in percent. */
    static Histogram histogram(List<ClvReport.Bucket> buckets, boolean money) {
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (ClvReport.Bucket bucket : buckets) {
            labels.add(money ? String.format(Locale.ROOT, "%.0f–%.0f", bucket.from(), bucket.to())
                    : String.format(Locale.ROOT, "%.0f–%.0f %%", bucket.from() * 100, bucket.to() * 100));
            counts.add(bucket.customers());
        }
        return new Histogram(labels, counts);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", p * 100);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_EVEN);
    }
}
