package io.rapport.insight.web;

import java.time.Clock;

import io.rapport.insight.CartAbandonment;
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

/** Cart abandonment by day, week or month of cart creation and by channel; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class CartAbandonmentController {

    private final CartAbandonment abandonment;
    private final Clock clock;

    CartAbandonmentController(CartAbandonment abandonment, Clock clock) {
        this.abandonment = abandonment;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/abandonment")
    @Operation(summary = "Cart abandonment: of the carts created on these days whose window has closed, the share "
            + "without an Order Completed within 'hours' of their last Product Added, and their value per currency",
            description = "total, series (every period, empty ones with carts = 0) and channels; carts whose last add "
                    + "is less than 'hours' ago are open and not counted.")
    CartAbandonment.Report abandonment(
            @Parameter(description = "First UTC day of cart creation (ISO date); default: 89 days before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last UTC day, included; default: today")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "day, week (from Monday) or month") @RequestParam(defaultValue = "week")
            String groupBy,
            @Parameter(description = "The window N in hours, 1–720; default: rapport.commerce.cart-abandoned-after")
            @RequestParam(required = false) @Nullable String hours,
            @Parameter(description = "Only carts opened on this channel: web, app, store, phone, chat, email, social, "
                    + "other") @RequestParam(required = false) @Nullable String channel) {
        MetricDays days = MetricDays.of(from, to, clock);
        MetricGrouping grouping = MetricGrouping.fromWire(groupBy).orElseThrow(() -> ApiProblem.invalidField("groupBy",
                "groupBy must be one of day, week, month."));
        return abandonment.report(new CartAbandonment.Query(days.from(), days.to(), grouping,
                abandonment.hours(hours), channel));
    }
}
