package io.rapport.insight.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.rapport.insight.Retention;
import io.rapport.insight.RetentionVariant;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Purchase retention cohorts by first-purchase month, and the repeat-purchase rate; see docs/metrics.md. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Metrics")
class RetentionController {

    private static final int DEFAULT_MONTHS = 12;

    private final Retention retention;
    private final Clock clock;

    RetentionController(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/retention")
    @Operation(summary = "Retention cohorts: the share of each first-purchase month's buyers who purchased k months "
            + "later (variant in) or then or later (in_or_after), and the repeat-purchase rate")
    Retention.Table retention(
            @Parameter(description = "First cohort month (2026-01, or a day of it); default: 11 months before 'to'")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last month of the table; default: this month (UTC)")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "month (the only period today)") @RequestParam(defaultValue = "month") String period,
            @Parameter(description = "in or in_or_after") @RequestParam(defaultValue = "in") String variant) {
        if (!"month".equalsIgnoreCase(period.strip())) {
            throw ApiProblem.invalidField("period", "period must be month: cohorts are by first-purchase month.");
        }
        RetentionVariant wanted = RetentionVariant.fromWire(variant).orElseThrow(() -> ApiProblem.invalidField(
                "variant", "variant must be in or in_or_after."));
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
