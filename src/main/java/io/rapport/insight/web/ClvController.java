package io.rapport.insight.web;

import java.time.LocalDate;

import io.rapport.commerce.Orders;
import io.rapport.insight.ClvQuery;
import io.rapport.insight.ClvReport;
import io.rapport.insight.ClvValidation;
import io.rapport.insight.CustomerLifetimeValue;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer lifetime value: the fitted models, the summary and the customers by predicted value. */
@RestController
@PreAuthorize("hasRole('ANALYST')")
@Tag(name = "Metrics", description = "Customer metrics; definitions and formulas in docs/metrics.md")
class ClvController {

    private final CustomerLifetimeValue lifetimeValue;

    ClvController(CustomerLifetimeValue lifetimeValue) {
        this.lifetimeValue = lifetimeValue;
    }

    @GetMapping("/api/v1/metrics/clv")
    @Operation(summary = "Customer lifetime value (historic and predicted with BG/NBD and Gamma-Gamma)",
            description = "Fits the models on the completed orders up to calibrationEnd and scores every customer; "
                    + "customers are listed by predicted value, highest first. 422 when there is too little data.")
    ClvReport clv(
            @Parameter(description = "Months to predict, 1–120 (default 12)")
            @RequestParam(required = false) @Nullable String horizonMonths,
            @Parameter(description = "Yearly discount rate, 0–1 (default 0.1 = 10 %)")
            @RequestParam(required = false) @Nullable String discountRate,
            @Parameter(description = "Churned when P(alive) is below this, between 0 and 1 (default 0.5)")
            @RequestParam(required = false) @Nullable String churnThreshold,
            @Parameter(description = "Last day (UTC, ISO date) of the purchases the models are fitted on; today "
                    + "when absent") @RequestParam(required = false) @Nullable String calibrationEnd,
            @Parameter(description = "ISO 4217 currency of the orders used; the currency of most orders when absent")
            @RequestParam(required = false) @Nullable String currency,
            @Parameter(description = "Customers per page, 1–1000") @RequestParam(defaultValue = "50") int limit,
            @Parameter(description = "The 'next' of the previous page") @RequestParam(required = false)
            @Nullable String cursor) {
        return lifetimeValue.report(ClvQuery.of(calibrationEnd, currency, horizonMonths, discountRate,
                churnThreshold), limit, cursor);
    }

    @GetMapping("/api/v1/metrics/clv/validation")
    @Operation(summary = "Hold-out check: predicted against actual repeat purchases after calibrationEnd",
            description = "Fits the models on the purchases up to calibrationEnd and compares their prediction for "
                    + "the days since with what customers bought, in total and by calibration frequency.")
    ClvValidation validation(
            @Parameter(description = "Last day (UTC, ISO date) of calibration; must be before today", required = true)
            @RequestParam(required = false) @Nullable String calibrationEnd,
            @Parameter(description = "Last day (UTC, ISO date, included) of the hold-out period; today when absent")
            @RequestParam(required = false) @Nullable String holdOutEnd,
            @Parameter(description = "ISO 4217 currency; the currency of most orders when absent")
            @RequestParam(required = false) @Nullable String currency) {
        LocalDate end = Orders.Filter.day("calibrationEnd", calibrationEnd);
        if (end == null) {
            throw ApiProblem.invalidField("calibrationEnd", "Give the last day of calibration, such as 2026-01-31.");
        }
        return lifetimeValue.validate(end, Orders.Filter.day("holdOutEnd", holdOutEnd), ClvQuery.currency(currency));
    }
}
