package io.rapport.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/** The days a metric request covers, as a person gives them: ISO dates, by default the last 90 UTC days. */
public record MetricDays(LocalDate from, LocalDate to) {

    public static final int DEFAULT_DAYS = 90;

    public static MetricDays of(@Nullable String from, @Nullable String to, Clock clock) {
        LocalDate last = day("to", to);
        if (last == null) {
            last = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
        LocalDate first = day("from", from);
        return new MetricDays(first == null ? last.minusDays(DEFAULT_DAYS - 1) : first, last);
    }

    public static @Nullable LocalDate day(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a date such as 2026-01-31.");
        }
    }
}
