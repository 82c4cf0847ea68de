package io.rapport.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyResponses;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a survey's results page as the form sends them: UTC days {@code from}–{@code to} (both included;
 * the last {@link #DEFAULT_DAYS} days unless given), the trend's unit ({@code day} or {@code week}), and for the
 * response list and its CSV also a score range, a channel and whether complete. Text until read, so a bad value is
 * answered in words.
 */
record SurveyResultsFilter(String from, String to, String unit, String minScore, String maxScore, String channel,
        String complete) {

    static final int DEFAULT_DAYS = 30;
    /** The longest span the page charts: a year and a day. */
    static final int MAX_DAYS = 366;
    /** Spans longer than this are charted per week unless a unit is chosen. */
    static final int MAX_DAILY_DAYS = 92;

    SurveyResultsFilter(@Nullable String from, @Nullable String to, @Nullable String unit, @Nullable String minScore,
            @Nullable String maxScore, @Nullable String channel, @Nullable String complete) {
        this.from = strip(from);
        this.to = strip(to);
        this.unit = strip(unit);
        this.minScore = strip(minScore);
        this.maxScore = strip(maxScore);
        this.channel = strip(channel);
        this.complete = strip(complete);
    }

    /** The first and last day, both included. */
    record Days(LocalDate first, LocalDate last) {

        long count() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }
    }

    /** What is wrong with the filters, in words for the person who typed them; empty when they can be used. */
    Optional<String> problem(LocalDate today) {
        try {
            Days days = days(today);
            if (days.last().isBefore(days.first())) {
                return Optional.of("The last day (" + days.last() + ") is before the first (" + days.first() + ").");
            }
            if (days.count() > MAX_DAYS) {
                return Optional.of("Choose at most " + MAX_DAYS + " days.");
            }
        } catch (DateTimeParseException e) {
            return Optional.of("Give days such as 2026-01-31.");
        }
        if (!unit.isEmpty() && !unit.equals("day") && !unit.equals("week")) {
            return Optional.of("Chart per day or per week.");
        }
        if (!score(minScore) || !score(maxScore)) {
            return Optional.of("Scores are whole numbers, e.g. 0 to 6 for NPS detractors.");
        }
        if (!complete.isEmpty() && !complete.equals("true") && !complete.equals("false")) {
            return Optional.of("Choose complete or partial responses from the list.");
        }
        if (channel.length() > 100) {
            return Optional.of("Choose a channel from the list.");
        }
        return Optional.empty();
    }

    private static boolean score(String text) {
        return text.isEmpty() || text.matches("-?\\d{1,3}");
    }

    /** The days of a filter without a {@link #problem}. */
    Days days(LocalDate today) {
        LocalDate last = to.isEmpty() ? today : LocalDate.parse(to);
        LocalDate first = from.isEmpty() ? last.minusDays(DEFAULT_DAYS - 1) : LocalDate.parse(from);
        return new Days(first, last);
    }

    boolean weekly(Days days) {
        return unit.equals("week") || unit.isEmpty() && days.count() > MAX_DAILY_DAYS;
    }

    boolean filtersResponses() {
        return !(minScore.isEmpty() && maxScore.isEmpty() && channel.isEmpty() && complete.isEmpty());
    }

    /** The response listing these filters select, a page of {@code limit} after {@code cursor}. */
    SurveyResponses.Query query(Survey.Id survey, LocalDate today, int limit, @Nullable String cursor) {
        Days days = days(today);
        return new SurveyResponses.Query(survey, start(days.first()), start(days.last().plusDays(1)),
                minScore.isEmpty() ? null : Integer.valueOf(minScore),
                maxScore.isEmpty() ? null : Integer.valueOf(maxScore), channel.isEmpty() ? null : channel,
                complete.isEmpty() ? null : Boolean.valueOf(complete), limit, cursor);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A link to {@code path} with these filters (and more parameters, e.g. a cursor). */
    String link(String path, Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", from);
        fields.put("to", to);
        fields.put("unit", unit);
        fields.put("minScore", minScore);
        fields.put("maxScore", maxScore);
        fields.put("channel", channel);
        fields.put("complete", complete);
        fields.putAll(more);
        return QueryLinks.of(path, fields);
    }

    private static String strip(@Nullable String text) {
        return text == null ? "" : text.strip();
    }
}
