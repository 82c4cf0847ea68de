package io.rapport.insight.web;

import java.time.Clock;
import java.util.List;

import io.rapport.insight.ConversionFunnels;
import io.rapport.insight.FunnelBreakdown;
import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelDropOff;
import io.rapport.insight.FunnelQuery;
import io.rapport.insight.FunnelResult;
import io.rapport.insight.MetricDays;
import io.rapport.insight.SavedFunnel;
import io.rapport.insight.SavedFunnels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Conversion funnels, given in the request or saved, and the persons who dropped off a step; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class FunnelController {

    private static final int DEFAULT_DROP_OFF = 100;

    private final ConversionFunnels funnels;
    private final SavedFunnels saved;
    private final Clock clock;

    FunnelController(ConversionFunnels funnels, SavedFunnels saved, Clock clock) {
        this.funnels = funnels;
        this.saved = saved;
        this.clock = clock;
    }

    /** A funnel to compute: 2–10 steps, a window (ISO-8601, up to P90D), the days of entry and a breakdown. */
    record FunnelRequest(@Nullable List<FunnelDefinition.StepDraft> steps, @Nullable String window,
            @Nullable String from, @Nullable String to, @Nullable String breakdown) {
    }

    @PostMapping("/api/v1/metrics/funnel")
    @Operation(summary = "A funnel: persons per step, conversion from the previous and the first step, time to "
            + "convert, optionally by channel, device or campaign of the first step")
    FunnelResult compute(@RequestBody FunnelRequest request) {
        FunnelDefinition definition = FunnelDefinition.of(request.steps(), request.window());
        return funnels.report(query(definition, null, request.from(), request.to(), request.breakdown()));
    }

    @GetMapping("/api/v1/metrics/funnel")
    @Operation(summary = "A saved funnel's numbers")
    FunnelResult saved(@RequestParam String funnelId,
            @Parameter(description = "First day people may enter (ISO date); default: 89 days before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last day people may enter; default: today (UTC)")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "channel, device or campaign") @RequestParam(required = false) @Nullable String breakdown) {
        SavedFunnel funnel = funnel(funnelId);
        return funnels.report(query(funnel.definition(), funnel.id(), from, to, breakdown));
    }

    @GetMapping("/api/v1/metrics/funnel/dropoff")
    @Operation(summary = "The persons who reached a step of a saved funnel but not the next, by identifier, a page "
            + "of at most 1,000")
    FunnelDropOff dropOff(@RequestParam String funnelId, @RequestParam int step,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "" + DEFAULT_DROP_OFF) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        SavedFunnel funnel = funnel(funnelId);
        return funnels.dropOff(query(funnel.definition(), funnel.id(), from, to, null), step, limit, cursor);
    }

    private FunnelQuery query(FunnelDefinition definition, SavedFunnel.@Nullable Id saved, @Nullable String from,
            @Nullable String to, @Nullable String breakdown) {
        MetricDays days = MetricDays.of(from, to, clock);
        return new FunnelQuery(definition, days.from(), days.to(), FunnelBreakdown.parse(breakdown), saved);
    }

    private SavedFunnel funnel(String id) {
        return saved.get(FunnelsController.id("funnelId", id));
    }
}
