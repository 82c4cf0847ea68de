package io.rapport.insight.web;

import java.time.Clock;

import io.rapport.insight.ActiveUsers;
import io.rapport.insight.MetricDays;
import io.rapport.insight.MetricGrouping;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Active users (DAU, WAU, MAU), stickiness and lifecycle from the activity roll-ups; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class ActiveUsersController {

    private static final String FROM = "First UTC day (ISO date such as 2026-01-31); default: 89 days before 'to'";
    private static final String TO = "Last UTC day, included; default: today";
    private static final String CHANNEL = "Only this channel: web, app, store, phone, chat, email, social or other";

    private final ActiveUsers activeUsers;
    private final Clock clock;

    ActiveUsersController(ActiveUsers activeUsers, Clock clock) {
        this.activeUsers = activeUsers;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/active")
    @Operation(summary = "Active persons per day (DAU), ISO week (WAU) or month (MAU), and each month's stickiness "
            + "(mean DAU ÷ MAU)", description = "Every period from 'from' to 'to' is listed, empty ones with 0.")
    ActiveUsers.Report active(@Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "day, week (from Monday) or month") @RequestParam(defaultValue = "day")
            String groupBy,
            @Parameter(description = CHANNEL) @RequestParam(required = false) @Nullable String channel) {
        MetricDays days = MetricDays.of(from, to, clock);
        MetricGrouping grouping = MetricGrouping.fromWire(groupBy)
                .filter(g -> g == MetricGrouping.DAY || g == MetricGrouping.WEEK || g == MetricGrouping.MONTH)
                .orElseThrow(() -> ApiProblem.invalidField("groupBy", "groupBy must be one of day, week, month."));
        return activeUsers.report(days.from(), days.to(), grouping, ActiveUsers.channel(channel));
    }

    @GetMapping("/api/v1/metrics/active/lifecycle")
    @Operation(summary = "New, returning, resurrecting and dormant (negative) persons per week or month")
    ActiveUsers.Lifecycle lifecycle(@Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "week (from Monday) or month") @RequestParam(defaultValue = "week") String period,
            @Parameter(description = CHANNEL) @RequestParam(required = false) @Nullable String channel) {
        MetricDays days = MetricDays.of(from, to, clock);
        MetricGrouping grouping = MetricGrouping.fromWire(period)
                .filter(g -> g == MetricGrouping.WEEK || g == MetricGrouping.MONTH)
                .orElseThrow(() -> ApiProblem.invalidField("period", "period must be week or month."));
        return activeUsers.lifecycle(days.from(), days.to(), grouping, ActiveUsers.channel(channel));
    }
}
