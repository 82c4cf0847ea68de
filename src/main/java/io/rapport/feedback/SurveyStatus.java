package io.rapport.feedback;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a survey is in its life: only an active survey is offered, triggered or sent. */
public enum SurveyStatus {
    /** Being written: saved and validated, never shown. */
    DRAFT,
    /** Triggers create invitations, the widget may offer it, manual sends go out. */
    ACTIVE,
    /** Nothing new goes out; invitations already sent can still be answered. */
    PAUSED,
    /** Closed for good: kept with its responses, no longer answered. */
    ARCHIVED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
