package io.rapport.feedback.internal;

import java.time.Duration;
import java.util.List;

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
 */
@ConfigurationProperties("rapport.feedback")
record FeedbackProperties(@DefaultValue("30") int recontactDays,
        @DefaultValue("P7D") Duration invitationExpiry, @DefaultValue("P30D") Duration answerWindow,
        @DefaultValue("") List<String> allowedOrigins, @DefaultValue("60") int publicRateLimitPerIp,
        @DefaultValue("6000") int publicRateLimitPerWriteKey) {

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
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    Duration recontact() {
        return Duration.ofDays(recontactDays);
    }
}
