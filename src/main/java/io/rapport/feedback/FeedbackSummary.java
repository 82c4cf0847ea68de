package io.rapport.feedback;

import java.time.LocalDate;
import java.util.List;

/**
 * Counts of the items one {@link FeedbackFilter} selects: per UTC day and sentiment (days without items left out,
 * oldest first), per topic (most first; an item counts once for each of its topics) and per language (most first).
 */
public record FeedbackSummary(long total, List<Day> days, List<Count> topics, List<Count> languages) {

    public record Day(LocalDate day, long negative, long neutral, long positive) {
    }

    public record Count(String name, long items) {
    }
}
