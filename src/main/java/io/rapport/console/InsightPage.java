package io.rapport.console;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricPoint;
import io.rapport.insight.Retention;
import io.rapport.insight.RetentionVariant;
import io.rapport.insight.SurveyMetric;
import io.rapport.insight.SurveyMetrics;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CX overview (NPS, CSAT and CES trends with their 95% bands, the retention heatmap, and the panels of
 * {@link InsightOverview}) and one page per metric
 * with its chart, definition, table, CSV export, and the responses or buyers behind a point of a chart.
 */
@Controller
@RequestMapping("/console/insight")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
class InsightPage {

    static final List<String> CHANNELS = List.of("web", "email", "link", "store");
    private static final int DRILL_DOWN = 100;

    private final SurveyMetrics metrics;
    private final Retention retention;
    private final SurveyResponses responses;
    private final Customers customers;
    private final InsightOverview overview;
    private final Clock clock;
    private final JsonMapper json;

    InsightPage(SurveyMetrics metrics, Retention retention, SurveyResponses responses, Customers customers,
            InsightOverview overview, Clock clock, JsonMapper json) {
        this.metrics = metrics;
        this.retention = retention;
        this.responses = responses;
        this.customers = customers;
        this.overview = overview;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping
    String overview(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel,
            @ModelAttribute("viewer") ConsoleAdvice.Viewer viewer,
            Model model) {
        MetricDays days = filters(from, to, channel, model);
        overview.addTo(model, days, viewer.analyst());
        for (SurveyMetric metric : SurveyMetric.values()) {
            model.addAttribute(metric.wire() + "Chart", json.writeValueAsString(InsightCharts.trend(
                    report(metric, days, channel))));
        }
        model.addAttribute("heatmap", json.writeValueAsString(InsightCharts.heatmap(table(days,
                RetentionVariant.IN))));
        return "console/insight";
    }

    @GetMapping("/{metric:nps|csat|ces}")
    String metric(@PathVariable String metric, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel, Model model) {
        MetricDays days = filters(from, to, channel, model);
        SurveyMetric wanted = SurveyMetric.fromWire(metric).orElseThrow();
        SurveyMetrics.Report report = report(wanted, days, channel);
        model.addAttribute("metric", wanted.wire());
        model.addAttribute("title", wanted.name());
        model.addAttribute("formula", wanted.formula());
        model.addAttribute("chart", json.writeValueAsString(InsightCharts.trend(report)));
        model.addAttribute("rows", report.series().stream().map(InsightPage::row).toList());
        model.addAttribute("total", row(report.total()));
        return "console/insight-metric";
    }

    @GetMapping("/retention")
    String retention(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "in") String variant, Model model) {
        MetricDays days = filters(from, to, null, model);
        RetentionVariant wanted = variant(variant);
        Retention.Table table = table(days, wanted);
        model.addAttribute("variant", wanted.wire());
        model.addAttribute("table", table);
        model.addAttribute("heatmap", json.writeValueAsString(InsightCharts.heatmap(table)));
        return "console/insight-retention";
    }

    @GetMapping("/{metric:nps|csat|ces}/export")
    void exportMetric(@PathVariable String metric, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String channel, HttpServletResponse response)
            throws IOException {
        SurveyMetric wanted = SurveyMetric.fromWire(metric).orElseThrow();
        SurveyMetrics.Report report = report(wanted, MetricDays.of(from, to, clock), channel);
        try (CSVPrinter csv = csv(response, wanted.wire())) {
            csv.printRecord("period", "n", "value", "low", "high", "share", "counts");
            for (MetricPoint point : report.series()) {
                Row row = row(point);
                csv.printRecord(row.key(), row.n(), row.value(), row.low(), row.high(), row.share(), row.counts());
            }
        }
    }

    @GetMapping("/retention/export")
    void exportRetention(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "in") String variant,
            HttpServletResponse response) throws IOException {
        Retention.Table table = table(MetricDays.of(from, to, clock), variant(variant));
        try (CSVPrinter csv = csv(response, "retention")) {
            csv.printRecord("cohort", "size", "period", "buyers", "percent");
            for (Retention.Cohort cohort : table.cohorts()) {
                for (int k = 0; k < cohort.active().size(); k++) {
                    csv.printRecord(cohort.month(), cohort.size(), k, cohort.active().get(k), cohort.percent().get(k));
                }
            }
        }
    }

    record Answer(String answered, @Nullable Integer score, String channel, String comment, String person,
            @Nullable String customerId) {
    }

    /** The responses behind a point of a trend: answered on the UTC days {@code from} to {@code to}. */
    @GetMapping("/{metric:nps|csat|ces}/responses")
    String responsesBehind(@PathVariable String metric, @RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) @Nullable String channel, Model model) {
        SurveyMetric wanted = SurveyMetric.fromWire(metric).orElseThrow();
        MetricDays days = MetricDays.of(from, to, clock);
        List<Answer> answers = new ArrayList<>();
        for (UUID id : metrics.responsesBehind(wanted, query(days, channel), null, null, DRILL_DOWN)) {
            responses.find(id).ifPresent(r -> answers.add(answer(r)));
        }
        model.addAttribute("answers", answers);
        model.addAttribute("period", days.from().equals(days.to()) ? days.from().toString()
                : days.from() + " to " + days.to());
        model.addAttribute("limit", DRILL_DOWN);
        return "console/insight-drill :: responses";
    }

    record Buyer(String person, @Nullable String customerId) {
    }

    /** The buyers behind a cell of the heatmap: the cohort's people active in period k. */
    @GetMapping("/retention/buyers")
    String buyers(@RequestParam String cohort, @RequestParam int period, @RequestParam(defaultValue = "in") String variant,
            Model model) {
        YearMonth month;
        try {
            month = YearMonth.parse(cohort.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("cohort", "'" + cohort + "' is not a month such as 2026-01.");
        }
        List<Buyer> buyers = retention.buyers(month, period, variant(variant), DRILL_DOWN).stream()
                .map(person -> new Buyer(Identifier.decode(person).value(), customerOf(person))).toList();
        model.addAttribute("buyers", buyers);
        model.addAttribute("cohort", month.toString());
        model.addAttribute("period", period);
        model.addAttribute("active", month.plusMonths(period).toString());
        model.addAttribute("limit", DRILL_DOWN);
        return "console/insight-drill :: buyers";
    }

    private MetricDays filters(@Nullable String from, @Nullable String to, @Nullable String channel, Model model) {
        MetricDays days = MetricDays.of(from, to, clock);
        model.addAttribute("from", days.from().toString());
        model.addAttribute("to", days.to().toString());
        model.addAttribute("channel", channel == null ? "" : channel.strip());
        model.addAttribute("channels", CHANNELS);
        return days;
    }

    private SurveyMetrics.Report report(SurveyMetric metric, MetricDays days, @Nullable String channel) {
        return metrics.report(metric, new SurveyMetrics.Query(days.from(), days.to(),
                InsightCharts.groupingFor(days.from(), days.to()), null, channel));
    }

    private static SurveyMetrics.Query query(MetricDays days, @Nullable String channel) {
        return new SurveyMetrics.Query(days.from(), days.to(), InsightCharts.groupingFor(days.from(), days.to()), null,
                channel);
    }

    private Retention.Table table(MetricDays days, RetentionVariant variant) {
        return retention.table(YearMonth.from(days.from()), YearMonth.from(days.to()), variant);
    }

    static RetentionVariant variant(String text) {
        return RetentionVariant.fromWire(text).orElseThrow(() -> ApiProblem.invalidField("variant",
                "Choose 'in' or 'in_or_after'."));
    }

    record Row(String key, long n, String value, String low, String high, String share, String counts) {
    }

    private static Row row(MetricPoint point) {
        StringBuilder counts = new StringBuilder();
        point.counts().counts().forEach((score, count) -> {
            if (count > 0) {
                counts.append(counts.isEmpty() ? "" : " ").append(score).append(':').append(count);
            }
        });
        return new Row(point.key(), point.n(), text(InsightCharts.value(point.value())),
                text(point.value() == null ? null : InsightCharts.round(point.value().low())),
                text(point.value() == null ? null : InsightCharts.round(point.value().high())),
                text(InsightCharts.value(point.share())), counts.toString());
    }

    private static String text(@Nullable Double value) {
        return value == null ? "" : value.toString();
    }

    private Answer answer(SurveyResponse response) {
        String identifier = response.identifier();
        return new Answer(Times.full(response.answeredAt()), response.score(), response.channel(),
                response.comment() == null ? "" : response.comment(),
                identifier == null ? "anonymous" : Identifier.decode(identifier).value(),
                identifier == null ? null : customerOf(identifier));
    }

    private @Nullable String customerOf(String identifier) {
        Optional<Customer.Id> id = customers.find(Identifier.decode(identifier));
        return id.map(Customer.Id::toString).orElse(null);
    }

    static CSVPrinter csv(HttpServletResponse response, String name) throws IOException {
        response.setContentType("text/csv; charset=utf-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"rapport-" + name + ".csv\"");
        Writer writer = response.getWriter();
        return new CSVPrinter(writer, CSVFormat.DEFAULT);
    }
}
