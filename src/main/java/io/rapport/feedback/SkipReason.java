package io.rapport.feedback;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a survey did not reach a person: counted per survey, never queued for later. */
public enum SkipReason {
    /** Outside the survey's sampling rate. */
    SAMPLED_OUT,
    /** The survey reached the person as many times as it may ({@code maxTimes}). */
    SURVEY_LIMIT,
    /** The survey reached the person less than {@code everyDays} ago. */
    SURVEY_INTERVAL,
    /** Some survey reached the person less than {@code rapport.feedback.recontact-days} ago (or is due to). */
    RECONTACT_WINDOW,
    /** The person's newest answer for the {@code surveys} purpose is not a grant. */
    NO_CONSENT,
    /** The survey was paused or archived when the invitation fell due. */
    SURVEY_INACTIVE,
    /** The channel could not reach the person (e.g. no email address known). */
    UNDELIVERABLE,
    /** The invitation could not go out within {@code rapport.feedback.invitation-expiry} of its due time. */
    EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
