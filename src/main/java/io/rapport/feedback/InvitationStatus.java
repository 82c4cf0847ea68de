package io.rapport.feedback;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of an invitation. Its answers, if any, are a {@link SurveyResponse} with the same id. */
public enum InvitationStatus {
    /** Waiting for its due time (push channels) or for the person's next visit (web). */
    SCHEDULED,
    /** Handed to a push channel (e.g. email). */
    SENT,
    /** Shown by the widget, or opened from a link or QR code. */
    SHOWN,
    /** Held back by throttling, consent, a paused survey or its channel; see {@link SkipReason}. */
    SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
