package io.rapport.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.FeedbackFilter;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The feedback inbox's filters as the page's form sends them: days (UTC, both included) rather than instants, a
 * survey by id; blank fields are no filter.
 */
record FeedbackFilterForm(@Nullable String language, @Nullable String sentiment, @Nullable String topic,
        @Nullable String source, @Nullable String survey, @Nullable String from, @Nullable String to,
        @Nullable String q) {

    FeedbackFilter filter() {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw ApiProblem.invalidField("to", "The last day (" + last + ") is before the first (" + first + ").");
        }
        return new FeedbackFilter(language, FeedbackFilter.sentiment(sentiment), topic, source, surveyId(),
                first == null ? null : first.atStartOfDay().toInstant(ZoneOffset.UTC),
                last == null ? null : last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), q);
    }

    boolean filtered() {
        return !values().isEmpty();
    }

    /** A link to {@code path} with these filters and {@code more} parameters. */
    String link(String path, Map<String, String> more) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        values().forEach(link::queryParam);
        more.forEach(link::queryParam);
        return link.encode().build().toUriString();
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "language", language);
        put(values, "sentiment", sentiment);
        put(values, "topic", topic);
        put(values, "source", source);
        put(values, "survey", survey);
        put(values, "from", from);
        put(values, "to", to);
        put(values, "q", q);
        return values;
    }

    private static void put(Map<String, String> values, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value.strip());
        }
    }

    private @Nullable UUID surveyId() {
        if (survey == null || survey.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(survey.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("survey", "Choose a survey from the list.");
        }
    }

    private static @Nullable LocalDate day(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "Give a day as 2026-06-30, not '" + text + "'.");
        }
    }
}
