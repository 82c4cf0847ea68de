package io.rapport.feedback.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of surveys ({@code rapport.feedback.*}, see docs/surveys.md).
 *
 * @param recontactDays after a survey reached a person, no survey reaches them again for this many days
 * @param invitationExpiry an invitation not delivered (or, on the web, not shown) this long after it fell due is
 *        dropped as expired
 * @param answerWindow how long after it went out an invitation may be answered
 */
@ConfigurationProperties("rapport.feedback")
record FeedbackProperties(@DefaultValue("30") int recontactDays, @DefaultValue("P7D") Duration invitationExpiry,
        @DefaultValue("P30D") Duration answerWindow) {

    FeedbackProperties {
        if (recontactDays < 0) {
            throw new IllegalArgumentException("rapport.feedback.recontact-days must be 0 (no window) or more, not "
                    + recontactDays);
        }
        if (invitationExpiry.isNegative() || answerWindow.isNegative()) {
            throw new IllegalArgumentException("rapport.feedback.invitation-expiry and answer-window must not be negative");
        }
    }

    Duration recontact() {
        return Duration.ofDays(recontactDays);
    }
}
