package io.rapport.feedback.internal;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of surveys ({@code rapport.feedback.*}, see docs/surveys.md).
 *
 * @param recontactDays after a survey reached a person, no survey reaches them again for this many days
 * @param invitationExpiry an invitation not delivered (or, on the web, not shown) this long after it fell due is
 *        dropped as expired
 * @param answerWindow how long after it went out an invitation may be answered
 * @param allowedOrigins the shop origins whose pages may call the widget's endpoints ({@code /public/surveys/**}),
 *        as Spring CORS origin patterns ({@code https://shop.example}, {@code https://*.shop.example}); none: only
 *        pages served by Rapport itself
 * @param publicRateLimitPerIp calls of the widget's endpoints one IP address may make per minute (and at once)
 * @param publicRateLimitPerWriteKey calls of the widget's endpoints all pages of one source may make per minute
 * @param linkSecret the key that signs links in survey mails and on QR codes (at least 32 characters); none: a random
 *        one Rapport makes once and keeps in its database
 * @param emailMaxAttempts how often the sender tries to hand one survey mail to the SMTP server before giving up
 * @param emailRetryInterval how often the sender looks for mails to retry, and the wait after a first failure (it
 *        doubles with every further failure, up to {@link #MAX_EMAIL_BACKOFF})
 */
@ConfigurationProperties("rapport.feedback")
record FeedbackProperties(@DefaultValue("30") int recontactDays,
        @DefaultValue("P7D") Duration invitationExpiry, @DefaultValue("P30D") Duration answerWindow,
        @DefaultValue("") List<String> allowedOrigins, @DefaultValue("60") int publicRateLimitPerIp,
        @DefaultValue("6000") int publicRateLimitPerWriteKey, @Nullable String linkSecret,
        @DefaultValue("8") int emailMaxAttempts, @DefaultValue("PT1M") Duration emailRetryInterval) {

    /** The longest wait between two attempts at one mail. */
    static final Duration MAX_EMAIL_BACKOFF = Duration.ofHours(6);
    static final int MIN_LINK_SECRET_LENGTH = 32;

    FeedbackProperties {
        if (recontactDays < 0) {
            throw new IllegalArgumentException("rapport.feedback.recontact-days must be 0 (no window) or more, not "
                    + recontactDays);
        }
        if (invitationExpiry.isNegative() || answerWindow.isNegative()) {
            throw new IllegalArgumentException("rapport.feedback.invitation-expiry and answer-window must not be negative");
        }
        if (publicRateLimitPerIp < 1 || publicRateLimitPerWriteKey < 1) {
            throw new IllegalArgumentException("rapport.feedback.public-rate-limit-per-ip and "
                    + "public-rate-limit-per-write-key must be at least 1 call per minute");
        }
        if (linkSecret != null && linkSecret.isBlank()) {
            linkSecret = null;
        }
        if (linkSecret != null && linkSecret.length() < MIN_LINK_SECRET_LENGTH) {
            throw new IllegalArgumentException("rapport.feedback.link-secret needs at least " + MIN_LINK_SECRET_LENGTH
                    + " characters (e.g. openssl rand -base64 32), or leave it out for one Rapport keeps itself");
        }
        if (emailMaxAttempts < 1 || emailRetryInterval.isNegative() || emailRetryInterval.isZero()) {
            throw new IllegalArgumentException("rapport.feedback.email-max-attempts must be at least 1 and "
                    + "email-retry-interval positive");
        }
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    Duration recontact() {
        return Duration.ofDays(recontactDays);
    }
}
