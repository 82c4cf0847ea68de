package io.rapport.feedback.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Throttling;

/**
 * Whether a survey may reach a person now, given every contact any survey made with them: the survey's sampling
 * rate, its own limits ({@code maxTimes}, {@code everyDays}), then the global recontact window. Gaps are measured
 * both ways, so a decision made late for an earlier moment (a delayed invitation) cannot land within a window of a
 * later contact either.
 */
final class ThrottlePolicy {

    /** One survey reaching the person: sent or shown. */
    record Contact(UUID surveyId, Instant at) {
    }

    private final Duration recontact;

    ThrottlePolicy(Duration recontact) {
        this.recontact = recontact;
    }

    Optional<SkipReason> check(UUID surveyId, Throttling throttling, String person, List<Contact> contacts,
            Instant now) {
        if (!sampled(surveyId, person, throttling.samplingRate())) {
            return Optional.of(SkipReason.SAMPLED_OUT);
        }
        List<Contact> ofSurvey = contacts.stream().filter(c -> c.surveyId().equals(surveyId)).toList();
        if (throttling.maxTimes() != null && ofSurvey.size() >= throttling.maxTimes()) {
            return Optional.of(SkipReason.SURVEY_LIMIT);
        }
        if (throttling.everyDays() != null && within(ofSurvey, now, Duration.ofDays(throttling.everyDays()))) {
            return Optional.of(SkipReason.SURVEY_INTERVAL);
        }
        if (within(contacts, now, recontact)) {
            return Optional.of(SkipReason.RECONTACT_WINDOW);
        }
        return Optional.empty();
    }

    private static boolean within(List<Contact> contacts, Instant now, Duration gap) {
        return contacts.stream().anyMatch(c -> Duration.between(c.at(), now).abs().compareTo(gap) < 0);
    }

    /**
     * Whether the person is in the survey's sample: the first 53 bits of SHA-256(survey, person) as a number in
     * [0, 1), below the rate. Uniform, so the share of people in converges to the rate; fixed, so a person never
     * drifts in and out.
     */
    static boolean sampled(UUID surveyId, String person, double rate) {
        if (rate >= 1) {
            return true;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((surveyId + "\n" + person).getBytes(StandardCharsets.UTF_8));
            double position = (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
            return position < rate;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
