package io.rapport.feedback;

import java.time.LocalDate;

/** The score counts of the responses whose first answer came on one UTC day. */
public record DailyScores(LocalDate day, ScoreCounts counts) {
}
