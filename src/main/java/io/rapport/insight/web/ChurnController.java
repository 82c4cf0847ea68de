package io.rapport.insight.web;

import java.time.Clock;

import io.rapport.collect.Page;
import io.rapport.insight.ChurnQuery;
import io.rapport.insight.ChurnReport;
import io.rapport.insight.CustomerChurn;
import io.rapport.insight.MetricDays;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Churn: customers by where they stand, the churn rate per period, and the churned customers; docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class ChurnController {

    private final CustomerChurn churn;
    private final Clock clock;

    ChurnController(CustomerChurn churn, Clock clock) {
        this.churn = churn;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/churn")
    @Operation(summary = "Churn: active, at-risk and churned customers at 'to', and per period the share of the "
            + "customers alive at its start who are churned at its end",
            description = "mode=model judges by the BG/NBD probability of being alive (fitted at every period end); "
                    + "mode=simple by a purchase-free window. 422 when there is too little data.")
    ChurnReport churn(
            @Parameter(description = "model or simple (default)") @RequestParam(required = false) @Nullable String mode,
            @Parameter(description = "Model mode: churned when P(alive) is below this, between 0 and 1 (default 0.5)")
            @RequestParam(required = false) @Nullable String threshold,
            @Parameter(description = "Simple mode: the window is this percentile of the gaps between consecutive "
                    + "purchases, above 0 and up to 100 (default 90)")
            @RequestParam(required = false) @Nullable String percentile,
            @Parameter(description = "Simple mode: the window in days, 1–3660, instead of the percentile")
            @RequestParam(required = false) @Nullable String window,
            @Parameter(description = "First day (UTC, ISO date); default: 12 months before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last day (UTC, ISO date), not after today; default: today")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "week or month (default); at most 160 periods, 36 in model mode")
            @RequestParam(required = false) @Nullable String groupBy) {
        return churn.report(ChurnQuery.of(mode, threshold, percentile, window, from, to, groupBy, clock));
    }

    @GetMapping("/api/v1/metrics/churn/customers")
    @Operation(summary = "The churned customers at 'to', or those who churned in one period, most recently active "
            + "first")
    Page<ChurnReport.Customer> customers(
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(required = false) @Nullable String threshold,
            @RequestParam(required = false) @Nullable String percentile,
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String groupBy,
            @Parameter(description = "A period's key (its first day): the customers alive at its start and churned "
                    + "at its end") @RequestParam(required = false) @Nullable String period,
            @Parameter(description = "Customers per page, 1–1000") @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "The 'next' of the previous page") @RequestParam(required = false)
            @Nullable String cursor) {
        return churn.churned(ChurnQuery.of(mode, threshold, percentile, window, from, to, groupBy, clock),
                MetricDays.day("period", period), limit, cursor);
    }
}
