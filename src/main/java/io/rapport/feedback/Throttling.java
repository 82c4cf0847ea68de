package io.rapport.feedback;

import org.jspecify.annotations.Nullable;

/**
 * How often one survey may reach one person, on top of the global recontact window
 * ({@code rapport.feedback.recontact-days}) that keeps every survey away from a person contacted lately.
 *
 * @param maxTimes at most this many contacts per person, ever ({@code 1}: show once); no limit when left out
 * @param everyDays at least this many days between two contacts of a person; no gap of its own when left out
 * @param samplingRate the share of people (0 &lt; rate ≤ 1) who are ever contacted, chosen by a hash of the person
 *                     and the survey, so the same person is always in or out
 */
public record Throttling(@Nullable Integer maxTimes, @Nullable Integer everyDays, Double samplingRate) {

    /** No limit of the survey's own, everyone sampled. */
    public static final Throttling NONE = new Throttling(null, null, 1.0);

    public Throttling {
        samplingRate = samplingRate == null ? 1.0 : samplingRate;
    }
}
