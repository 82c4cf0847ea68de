package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.InvitationStatus;
import io.rapport.feedback.Question;
import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyForm;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyOffer;
import io.rapport.feedback.SurveyStats;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.Surveys;
import io.rapport.feedback.Texts;
import io.rapport.feedback.Trigger;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Survey definitions with their life cycle, their forms per language, and what the widget should show whom. */
@Service
class SurveyService implements Surveys {

    private final SurveyStore store;
    private final InvitationStore invitations;
    private final Contacts contacts;
    private final SurveyCounters counters;
    private final Channels channels;
    private final FeedbackProperties properties;
    private final Clock clock;

    SurveyService(SurveyStore store, InvitationStore invitations, Contacts contacts, SurveyCounters counters,
            Channels channels, FeedbackProperties properties, Clock clock) {
        this.store = store;
        this.invitations = invitations;
        this.contacts = contacts;
        this.counters = counters;
        this.channels = channels;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Survey create(SurveyDefinition definition) {
        SurveyDefinition checked = check(definition);
        if (store.count() >= MAX_SURVEYS) {
            throw ApiProblem.conflict("Rapport keeps at most " + MAX_SURVEYS + " surveys; delete drafts you no longer "
                    + "need.");
        }
        Instant now = clock.instant();
        Survey survey = new Survey(new Survey.Id(UUID.randomUUID()), SurveyStatus.DRAFT, 1, now, now, null, checked);
        store.insert(survey);
        return survey;
    }

    @Override
    @Transactional
    public Survey update(Survey.Id id, SurveyDefinition definition, @Nullable Integer expectedVersion) {
        Survey survey = store.lock(id);
        if (expectedVersion != null && expectedVersion != survey.version()) {
            throw ApiProblem.conflict("The survey was changed since version " + expectedVersion + " (it is at version "
                    + survey.version() + "); load it again and redo the edit.");
        }
        if (survey.status() == SurveyStatus.ARCHIVED) {
            throw ApiProblem.conflict("An archived survey cannot be edited; copy it into a new survey instead.");
        }
        store.update(id, check(definition), clock.instant());
        return store.get(id);
    }

    @Override
    public SurveyDefinition check(SurveyDefinition definition) {
        return SurveyValidation.check(definition, channels.invitable());
    }

    @Override
    public SurveyForm preview(SurveyDefinition definition, @Nullable String locale) {
        return form(UNSAVED, check(definition), locale);
    }

    @Override
    public Optional<Survey> find(Survey.Id id) {
        return store.find(id);
    }

    @Override
    public List<Survey> list(@Nullable SurveyStatus status) {
        return store.list(status);
    }

    @Override
    @Transactional
    public Survey activate(Survey.Id id) {
        Survey survey = store.lock(id);
        return switch (survey.status()) {
            case ACTIVE -> survey;
            case DRAFT, PAUSED -> changeStatus(id, SurveyStatus.ACTIVE);
            case ARCHIVED -> throw ApiProblem.conflict("An archived survey cannot be activated again.");
        };
    }

    @Override
    @Transactional
    public Survey pause(Survey.Id id) {
        Survey survey = store.lock(id);
        return switch (survey.status()) {
            case PAUSED -> survey;
            case ACTIVE -> changeStatus(id, SurveyStatus.PAUSED);
            case DRAFT, ARCHIVED -> throw ApiProblem.conflict("Only an active survey can be paused; this one is "
                    + survey.status().wireName() + ".");
        };
    }

    @Override
    @Transactional
    public Survey archive(Survey.Id id) {
        Survey survey = store.lock(id);
        return survey.status() == SurveyStatus.ARCHIVED ? survey : changeStatus(id, SurveyStatus.ARCHIVED);
    }

    private Survey changeStatus(Survey.Id id, SurveyStatus status) {
        store.status(id, status, clock.instant());
        return store.get(id);
    }

    @Override
    @Transactional
    public void delete(Survey.Id id) {
        store.lock(id);
        if (invitations.anyOf(id)) {
            throw ApiProblem.conflict("The survey has invited people and may have responses: archive it instead.");
        }
        store.delete(id);
    }

    @Override
    public SurveyStats stats(Survey.Id id, LocalDate from, LocalDate to) {
        store.get(id);
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "to is a day on or after from.");
        }
        Map<String, Long> totals = counters.totals(id, from, to);
        Map<String, Long> skipped = new TreeMap<>();
        totals.forEach((metric, count) -> {
            if (metric.startsWith(SurveyCounters.SKIPPED)) {
                skipped.put(metric.substring(SurveyCounters.SKIPPED.length()), count);
            }
        });
        return new SurveyStats(id, from, to, totals.getOrDefault(SurveyCounters.INVITED, 0L),
                totals.getOrDefault(SurveyCounters.SENT, 0L), totals.getOrDefault(SurveyCounters.SHOWN, 0L),
                totals.getOrDefault(SurveyCounters.ANSWERED, 0L), totals.getOrDefault(SurveyCounters.COMPLETED, 0L),
                skipped);
    }

    @Override
    public SurveyForm form(Survey survey, @Nullable String locale) {
        return form(survey.id(), survey.definition(), locale);
    }

    private static SurveyForm form(Survey.Id id, SurveyDefinition d, @Nullable String locale) {
        String language = Languages.pick(locale, d.languages(), d.defaultLanguage());
        List<SurveyForm.Item> items = new ArrayList<>();
        for (Question q : d.questions()) {
            items.add(new SurveyForm.Item(q.id(), q.kind(), in(q.text(), language),
                    q.variants().stream().map(v -> new SurveyForm.Wording(v.scores(), in(v.text(), language))).toList(),
                    q.showWhen(), q.scale(), q.lowLabel() == null ? null : in(q.lowLabel(), language),
                    q.highLabel() == null ? null : in(q.highLabel(), language),
                    q.options().stream().map(o -> new SurveyForm.Choice(o.id(), in(o.label(), language))).toList()));
        }
        return new SurveyForm(id, d.type(), language, items, d.appearance());
    }

    /** A stored text exists in every language of its survey: validation saw to it. */
    private static String in(@Nullable Texts texts, String language) {
        String text = texts == null ? null : texts.in(language);
        if (text == null) {
            throw new IllegalStateException("A stored survey lacks a text in " + language);
        }
        return text;
    }

    @Override
    @Transactional
    public Optional<SurveyOffer> offerFor(Collection<String> identifiers, String url, @Nullable String locale,
            String channel) {
        if (!SurveyInvitations.WEB.equals(channel)) {
            throw ApiProblem.invalidField("channel", "Surveys are offered on the web channel only.");
        }
        Instant now = clock.instant();
        Contacts.Person person = contacts.person(identifiers);
        contacts.lock(person);
        Instant expiredBefore = now.minus(properties.invitationExpiry());
        for (Invitation waiting : invitations.waiting(person.identifiers(), channel, now)) {
            Survey survey = store.get(waiting.surveyId());
            Optional<SkipReason> skip = waiting.dueAt().isBefore(expiredBefore) ? Optional.of(SkipReason.EXPIRED)
                    : survey.status() != SurveyStatus.ACTIVE ? Optional.of(SkipReason.SURVEY_INACTIVE)
                    : contacts.check(person, survey, now);
            if (skip.isPresent()) {
                invitations.skipped(waiting.token(), skip.get());
                counters.skipped(survey.id(), skip.get(), now);
                continue;
            }
            invitations.contacted(waiting.token(), InvitationStatus.SHOWN, now);
            counters.add(survey.id(), SurveyCounters.SHOWN, now);
            return Optional.of(new SurveyOffer(waiting.token(), form(survey, locale != null ? locale
                    : waiting.locale())));
        }
        for (Survey survey : store.active()) {
            if (!matchesPage(survey, url)) {
                continue;
            }
            Optional<SkipReason> skip = contacts.check(person, survey, now);
            if (skip.isPresent()) {
                counters.skipped(survey.id(), skip.get(), now);
                continue;
            }
            Invitation shown = new Invitation(UUID.randomUUID(), survey.id(), channel, person.key(),
                    InvitationStatus.SHOWN, null, Languages.normalize(locale).orElse(null), null, null, now, now, now);
            invitations.insert(shown, "page|" + shown.token());
            counters.add(survey.id(), SurveyCounters.INVITED, now);
            counters.add(survey.id(), SurveyCounters.SHOWN, now);
            return Optional.of(new SurveyOffer(shown.token(), form(survey, locale)));
        }
        return Optional.empty();
    }

    private static boolean matchesPage(Survey survey, String url) {
        return survey.definition().triggers().stream()
                .anyMatch(t -> t instanceof Trigger.Page page && new UrlPattern(page.urlPattern()).matches(url));
    }
}
