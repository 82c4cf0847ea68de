package io.rapport.insight.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.rapport.insight.MetricDays;
import io.rapport.insight.Retention;
import io.rapport.insight.RetentionVariant;
import io.rapport.insight.VisitorRetention;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention cohorts: buyers by first-purchase month with the repeat-purchase rate, or visitors by first-seen week;
 * see docs/metrics.md.
 */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class RetentionController {

    private static final int DEFAULT_MONTHS = 12;
    private static final int DEFAULT_WEEKS = 12;
    private static final String FIRST_PURCHASE_MONTH = "first-purchase-month";
    private static final String FIRST_SEEN_WEEK = "first-seen-week";

    private final Retention retention;
    private final VisitorRetention visitors;
    private final Clock clock;

    RetentionController(Retention retention, VisitorRetention visitors, Clock clock) {
        this.retention = retention;
        this.visitors = visitors;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/retention")
    @Operation(summary = "Retention cohorts: the share of each first-purchase month's buyers who purchased k months "
            + "later (variant in) or then or later (in_or_after), and the repeat-purchase rate; or, with cohort="
            + "first-seen-week, the share of each first-seen week's visitors active k weeks later",
            description = "A Retention.Table for first-purchase-month, a VisitorRetention.Table for first-seen-week.")
    Record retention(
            @Parameter(description = "First cohort month (2026-01, or a day of it; for first-seen-week a day of the "
                    + "first week); default: 11 months (weeks) before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last month (week) of the table; default: this one (UTC)")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "month for first-purchase-month, week for first-seen-week (the default matches "
                    + "the cohort)") @RequestParam(required = false) @Nullable String period,
            @Parameter(description = "in or in_or_after") @RequestParam(defaultValue = "in") String variant,
            @Parameter(description = FIRST_PURCHASE_MONTH + " (buyers) or " + FIRST_SEEN_WEEK + " (visitors)")
            @RequestParam(defaultValue = FIRST_PURCHASE_MONTH) String cohort) {
        RetentionVariant wanted = RetentionVariant.fromWire(variant).orElseThrow(() -> ApiProblem.invalidField(
                "variant", "variant must be in or in_or_after."));
        if (FIRST_SEEN_WEEK.equalsIgnoreCase(cohort.strip())) {
            if (period != null && !"week".equalsIgnoreCase(period.strip())) {
                throw ApiProblem.invalidField("period", "period must be week: visitor cohorts are by first-seen week.");
            }
            LocalDate last = MetricDays.day("to", to);
            last = last == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : last;
            LocalDate first = MetricDays.day("from", from);
            return visitors.table(first == null ? last.minusWeeks(DEFAULT_WEEKS - 1) : first, last, wanted);
        }
        if (!FIRST_PURCHASE_MONTH.equalsIgnoreCase(cohort.strip())) {
            throw ApiProblem.invalidField("cohort", "cohort must be " + FIRST_PURCHASE_MONTH + " or " + FIRST_SEEN_WEEK
                    + ".");
        }
        if (period != null && !"month".equalsIgnoreCase(period.strip())) {
            throw ApiProblem.invalidField("period", "period must be month: cohorts are by first-purchase month.");
        }
        YearMonth last = month("to", to);
        if (last == null) {
            last = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        YearMonth first = month("from", from);
        return retention.table(first == null ? last.minusMonths(DEFAULT_MONTHS - 1) : first, last, wanted);
    }

    /** A month given as {@code 2026-01} or as any day of it. */
    static @Nullable YearMonth month(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return value.length() == 7 ? YearMonth.parse(value) : YearMonth.from(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a month such as 2026-01.");
        }
    }
}
