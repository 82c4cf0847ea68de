package io.rapport.feedback;

import java.time.LocalDate;
import java.util.Map;

/**
 * What happened to a survey's invitations on the UTC days {@code from} to {@code to}: counted when it happened,
 * and kept when a person's data is erased (counts hold no personal data).
 *
 * @param invited invitations created by triggers, sends, page visits and links
 * @param sent handed to a push channel
 * @param shown shown by the widget or opened from a link
 * @param answered responses that got their first answer
 * @param completed responses that became complete
 * @param skipped invitations and offers held back, per {@link SkipReason} wire name
 */
public record SurveyStats(Survey.Id surveyId, LocalDate from, LocalDate to, long invited, long sent, long shown,
        long answered, long completed, Map<String, Long> skipped) {
}
