package io.rapport.insight.web;

import java.time.Clock;

import io.rapport.insight.ChannelPerformance;
import io.rapport.insight.MetricDays;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Visits, orders, conversion and revenue by channel, source or campaign; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class ChannelPerformanceController {

    private final ChannelPerformance performance;
    private final Clock clock;

    ChannelPerformanceController(ChannelPerformance performance, Clock clock) {
        this.performance = performance;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/channels")
    @Operation(summary = "Channel performance: visits (people active per day, summed over the days), buyers, "
            + "conversion rate, orders, revenue and average order value per currency",
            description = "One row per channel, Rapport source or campaign (last campaign-tagged touch within 30 "
                    + "days, else (none)), most visits first, at most 1,000 rows (truncated says when more exist).")
    ChannelPerformance.Report channels(
            @Parameter(description = "First UTC day (ISO date); default: 89 days before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last UTC day, included; default: today")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "channel, source or campaign") @RequestParam(defaultValue = "channel") String by) {
        MetricDays days = MetricDays.of(from, to, clock);
        ChannelPerformance.Dimension dimension = ChannelPerformance.Dimension.fromWire(by).orElseThrow(
                () -> ApiProblem.invalidField("by", "by must be one of channel, source, campaign."));
        return performance.report(days.from(), days.to(), dimension);
    }
}
