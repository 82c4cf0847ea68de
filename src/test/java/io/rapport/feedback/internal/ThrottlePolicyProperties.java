package io.rapport.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Throttling;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The throttling rules hold whatever the order and timing of the triggers: each attempt to reach one person is
 * decided against the contacts that passed before it, in the order the attempts arrive (which need not be the
 * order of their times: a delayed invitation can be decided after a later page visit).
 */
class ThrottlePolicyProperties {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<UUID> SURVEYS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final String PERSON = "user:ana";

    /** One trigger: survey 0, 1 or 2 trying to reach the person at some minute of a 200-day span. */
    record Attempt(int survey, int minute) {
        Instant at() {
            return EPOCH.plus(Duration.ofMinutes(minute));
        }
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        return Combinators.combine(Arbitraries.integers().between(0, SURVEYS.size() - 1),
                        Arbitraries.integers().between(0, 200 * 24 * 60))
                .as(Attempt::new).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Throttling>> throttlings() {
        Arbitrary<Integer> maxTimes = Arbitraries.integers().between(1, 4).injectNull(0.4);
        Arbitrary<Integer> everyDays = Arbitraries.integers().between(1, 60).injectNull(0.4);
        return Combinators.combine(maxTimes, everyDays).as((max, every) -> new Throttling(max, every, 1.0))
                .list().ofSize(SURVEYS.size());
    }

    @Property
    void never_two_contacts_of_a_person_within_the_recontact_window(@ForAll("attempts") List<Attempt> attempts,
            @ForAll("throttlings") List<Throttling> throttlings, @ForAll @IntRange(min = 1, max = 60) int days) {
        List<ThrottlePolicy.Contact> contacts = run(new ThrottlePolicy(Duration.ofDays(days)), attempts, throttlings);

        for (int i = 0; i < contacts.size(); i++) {
            for (int j = i + 1; j < contacts.size(); j++) {
                assertThat(Duration.between(contacts.get(i).at(), contacts.get(j).at()).abs())
                        .isGreaterThanOrEqualTo(Duration.ofDays(days));
            }
        }
    }

    @Property
    void a_survey_reaches_a_person_at_most_max_times_and_never_twice_within_every_days(
            @ForAll("attempts") List<Attempt> attempts, @ForAll("throttlings") List<Throttling> throttlings) {
        List<ThrottlePolicy.Contact> contacts = run(new ThrottlePolicy(Duration.ZERO), attempts, throttlings);

        for (int s = 0; s < SURVEYS.size(); s++) {
            UUID survey = SURVEYS.get(s);
            List<Instant> times = contacts.stream().filter(c -> c.surveyId().equals(survey))
                    .map(ThrottlePolicy.Contact::at).toList();
            Throttling throttling = throttlings.get(s);
            if (throttling.maxTimes() != null) {
                assertThat(times).hasSizeLessThanOrEqualTo(throttling.maxTimes());
            }
            if (throttling.everyDays() != null) {
                for (int i = 0; i < times.size(); i++) {
                    for (int j = i + 1; j < times.size(); j++) {
                        assertThat(Duration.between(times.get(i), times.get(j)).abs())
                                .isGreaterThanOrEqualTo(Duration.ofDays(throttling.everyDays()));
                    }
                }
            }
        }
    }

    @Property
    void show_once_means_one_contact_at_most_and_exactly_one_when_anything_was_tried(
            @ForAll("attempts") List<Attempt> attempts) {
        List<Throttling> once = List.of(new Throttling(1, null, 1.0), new Throttling(1, null, 1.0),
                new Throttling(1, null, 1.0));
        List<ThrottlePolicy.Contact> contacts = run(new ThrottlePolicy(Duration.ZERO), attempts, once);

        for (UUID survey : SURVEYS) {
            boolean tried = attempts.stream().anyMatch(a -> SURVEYS.get(a.survey()).equals(survey));
            assertThat(contacts.stream().filter(c -> c.surveyId().equals(survey)).count()).isEqualTo(tried ? 1 : 0);
        }
    }

    @Property
    void nothing_is_held_back_that_no_rule_forbids(@ForAll("attempts") @Size(min = 1) List<Attempt> attempts,
            @ForAll("throttlings") List<Throttling> throttlings, @ForAll @IntRange(min = 0, max = 60) int days) {
        ThrottlePolicy policy = new ThrottlePolicy(Duration.ofDays(days));
        Attempt first = attempts.getFirst();

        assertThat(policy.check(SURVEYS.get(first.survey()), throttlings.get(first.survey()), PERSON, List.of(),
                first.at())).as("a person nobody contacted yet").isEmpty();
        // Far enough from every contact, under every limit: allowed.
        List<ThrottlePolicy.Contact> contacts = run(policy, attempts, throttlings);
        Instant later = contacts.stream().map(ThrottlePolicy.Contact::at).max(Instant::compareTo).orElse(EPOCH)
                .plus(Duration.ofDays(61));
        assertThat(policy.check(UUID.randomUUID(), Throttling.NONE, PERSON, contacts, later)).isEmpty();
    }

    @Property(tries = 200)
    void a_person_is_always_in_or_always_out_of_a_sample_and_a_higher_rate_keeps_everyone_in(
            @ForAll @Size(max = 40) String person, @ForAll @DoubleRange(min = 0.01, max = 1) double rate,
            @ForAll @DoubleRange(min = 0, max = 0.99) double raise) {
        UUID survey = SURVEYS.getFirst();
        boolean in = ThrottlePolicy.sampled(survey, person, rate);

        assertThat(ThrottlePolicy.sampled(survey, person, rate)).isEqualTo(in);
        if (in) {
            assertThat(ThrottlePolicy.sampled(survey, person, Math.min(1, rate + raise))).isTrue();
        }
        assertThat(ThrottlePolicy.sampled(survey, person, 1.0)).isTrue();
    }

    @Property(tries = 30)
    void the_share_of_people_sampled_converges_to_the_rate(@ForAll @DoubleRange(min = 0.02, max = 0.98) double rate) {
        UUID survey = UUID.randomUUID();
        int people = 20_000;
        int in = 0;
        for (int i = 0; i < people; i++) {
            in += ThrottlePolicy.sampled(survey, "user:" + i, rate) ? 1 : 0;
        }

        // The standard deviation of the share is at most 0.0036 here: 0.02 is over five of them.
        assertThat((double) in / people).isCloseTo(rate, offset(0.02));
    }

    /** Decides the attempts in the order given, keeping those that pass as contacts. */
    private static List<ThrottlePolicy.Contact> run(ThrottlePolicy policy, List<Attempt> attempts,
            List<Throttling> throttlings) {
        List<ThrottlePolicy.Contact> contacts = new ArrayList<>();
        for (Attempt attempt : attempts) {
            UUID survey = SURVEYS.get(attempt.survey());
            Optional<SkipReason> skip = policy.check(survey, throttlings.get(attempt.survey()), PERSON, contacts,
                    attempt.at());
            if (skip.isEmpty()) {
                contacts.add(new ThrottlePolicy.Contact(survey, attempt.at()));
            }
        }
        return contacts;
    }
}
