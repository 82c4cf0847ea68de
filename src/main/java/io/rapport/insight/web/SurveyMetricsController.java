package io.rapport.insight.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricGrouping;
import io.rapport.insight.SurveyMetric;
import io.rapport.insight.SurveyMetrics;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** NPS, CSAT and CES series and response rates from the daily survey roll-ups; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics", description = "CX metrics from daily roll-ups; definitions in docs/metrics.md")
class SurveyMetricsController {

    private static final String FROM = "First UTC day (ISO date such as 2026-01-31); default: 89 days before 'to'";
    private static final String TO = "Last UTC day, included; default: today";

    private final SurveyMetrics metrics;
    private final Clock clock;

    SurveyMetricsController(SurveyMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/{metric:nps|csat|ces}")
    @Operation(summary = "A survey metric pooled over the surveys of its type, and its series",
            description = "value, 95% interval (low, high), n and the counts per score, for the whole span (total) "
                    + "and per group; periods without responses are listed with n = 0 and no value.")
    SurveyMetrics.Report report(@PathVariable String metric,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "day, week (from Monday), month, survey or channel")
            @RequestParam(defaultValue = "week") String groupBy,
            @Parameter(description = "Only this survey") @RequestParam(required = false) @Nullable UUID surveyId,
            @Parameter(description = "Only this channel: web, email, link, store …")
            @RequestParam(required = false) @Nullable String channel) {
        MetricDays days = MetricDays.of(from, to, clock);
        MetricGrouping grouping = MetricGrouping.fromWire(groupBy).orElseThrow(() -> ApiProblem.invalidField("groupBy",
                "groupBy must be one of day, week, month, survey, channel."));
        return metrics.report(SurveyMetric.fromWire(metric).orElseThrow(),
                new SurveyMetrics.Query(days.from(), days.to(), grouping, surveyId, channel));
    }

    record ResponseRates(String metric, MetricDays days, List<SurveyMetrics.ResponseRate> surveys,
            SurveyMetrics.ResponseRate total) {
    }

    @GetMapping("/api/v1/metrics/response-rate")
    @Operation(summary = "Response rates of the surveys of one type: responses ÷ contacts (sent or shown)")
    ResponseRates responseRates(
            @Parameter(description = "nps, csat or ces") @RequestParam(defaultValue = "nps") String type,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to) {
        SurveyMetric metric = SurveyMetric.fromWire(type).orElseThrow(() -> ApiProblem.invalidField("type",
                "type must be one of nps, csat, ces."));
        MetricDays days = MetricDays.of(from, to, clock);
        List<SurveyMetrics.ResponseRate> rates = metrics.responseRates(metric, days.from(), days.to());
        return new ResponseRates(metric.wire(), days, rates.subList(0, rates.size() - 1), rates.getLast());
    }
}
