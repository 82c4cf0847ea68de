package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.InvitationChannel;
import io.rapport.feedback.InvitationStatus;
import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.Trigger;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.DataSubject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates invitations (event triggers, manual sends, links) and settles them when due: push channels deliver them
 * after throttling, and any invitation left undelivered past the expiry is dropped.
 */
@Service
class InvitationService implements SurveyInvitations {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);
    /** Invitations settled per query of the dispatcher; it queries again while a batch comes back full. */
    private static final int DISPATCH_BATCH = 500;

    private final SurveyStore surveys;
    private final InvitationStore store;
    private final Contacts contacts;
    private final SurveyCounters counters;
    private final Channels channels;
    private final Customers customers;
    private final FeedbackProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    InvitationService(SurveyStore surveys, InvitationStore store, Contacts contacts, SurveyCounters counters,
            Channels channels, Customers customers, FeedbackProperties properties, TransactionTemplate transactions,
            Clock clock) {
        this.surveys = surveys;
        this.store = store;
        this.contacts = contacts;
        this.counters = counters;
        this.channels = channels;
        this.customers = customers;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public SendResult send(Survey.Id id, Send send) {
        Survey survey = surveys.get(id);
        if (survey.status() != SurveyStatus.ACTIVE) {
            throw ApiProblem.conflict("The survey is " + survey.status().wireName() + "; activate it before sending it.");
        }
        if (!channels.invitable().contains(send.channel())) {
            throw ApiProblem.invalidField("channel", "'" + send.channel() + "' is not a channel Rapport can deliver "
                    + "through here; it can use " + channels.invitable() + ".");
        }
        if (send.identifiers().size() + send.customerIds().size() > MAX_SEND_RECIPIENTS) {
            throw ApiProblem.badRequest("One send reaches at most " + MAX_SEND_RECIPIENTS + " people; split the list.");
        }
        if (send.key() != null && (send.key().isBlank() || send.key().length() > 200)) {
            throw ApiProblem.invalidField("key", "The key is 1 to 200 characters, e.g. the id of your mailing.");
        }
        Set<String> people = new LinkedHashSet<>();
        for (int i = 0; i < send.identifiers().size(); i++) {
            people.add(Contacts.identifier(send.identifiers().get(i), "identifiers[" + i + "]").encoded());
        }
        List<UUID> unknown = new ArrayList<>();
        for (UUID customerId : send.customerIds()) {
            Optional<DataSubject> subject = customers.dataSubject(new Customer.Id(customerId));
            if (subject.isEmpty() || subject.get().identifiers().isEmpty()) {
                unknown.add(customerId);
            } else {
                people.add(contacts.person(subject.get().identifiers()).key());
            }
        }
        String key = send.key() != null ? send.key() : UUID.randomUUID().toString();
        Instant now = clock.instant();
        int invited = 0;
        for (String identifier : people) {
            Invitation invitation = new Invitation(UUID.randomUUID(), id, send.channel(), identifier,
                    InvitationStatus.SCHEDULED, null, null, null, null, now, now, null);
            if (store.insert(invitation, "send|" + key + "|" + identifier)) {
                counters.add(id, SurveyCounters.INVITED, now);
                invited++;
            }
        }
        return new SendResult(invited, people.size() - invited, unknown);
    }

    @Override
    @Transactional
    public int trigger(Occurrence occurrence) {
        return trigger(surveys.active(), occurrence);
    }

    /**
     * Invites the person to those of {@code active} whose event triggers name the event, unless the survey was
     * activated after Rapport received the event, or the invitation would fall due too long ago to go out.
     */
    int trigger(List<Survey> active, Occurrence occurrence) {
        Instant now = clock.instant();
        int invited = 0;
        for (Survey survey : active) {
            if (survey.activatedAt() == null || occurrence.receivedAt().isBefore(survey.activatedAt())) {
                continue;
            }
            for (Trigger trigger : survey.definition().triggers()) {
                if (!(trigger instanceof Trigger.Event event) || !event.event().equals(occurrence.event())) {
                    continue;
                }
                Instant due = occurrence.occurredAt().plus(Duration.ofDays(event.delayDays()));
                if (due.plus(properties.invitationExpiry()).isBefore(now)) {
                    continue;
                }
                Invitation invitation = new Invitation(UUID.randomUUID(), survey.id(), event.channel(),
                        occurrence.identifier(), InvitationStatus.SCHEDULED, null,
                        Languages.normalize(occurrence.locale()).orElse(null), occurrence.orderId(),
                        occurrence.ticketId(), now, due, null);
                if (store.insert(invitation, "event|" + event.event() + "|" + event.channel() + "|"
                        + occurrence.key())) {
                    counters.add(survey.id(), SurveyCounters.INVITED, now);
                    invited++;
                }
            }
        }
        return invited;
    }

    @Override
    @Transactional
    public Invitation open(Survey.Id id, String channel, @Nullable String identifier, @Nullable String locale,
            @Nullable String orderId, @Nullable String ticketId) {
        if (!LINK.equals(channel) && !STORE.equals(channel)) {
            throw ApiProblem.invalidField("channel", "A survey is opened through a link or in a store (channel link "
                    + "or store).");
        }
        Survey survey = surveys.get(id);
        if (survey.status() != SurveyStatus.ACTIVE) {
            throw ApiProblem.conflict("This survey is not taking new responses.");
        }
        Instant now = clock.instant();
        Invitation invitation = new Invitation(UUID.randomUUID(), id, channel,
                identifier == null ? null : Contacts.identifier(identifier, "identifier").encoded(),
                InvitationStatus.SHOWN, null, Languages.normalize(locale).orElse(null), orderId, ticketId, now, now,
                now);
        store.insert(invitation, "open|" + invitation.token());
        counters.add(id, SurveyCounters.INVITED, now);
        counters.add(id, SurveyCounters.SHOWN, now);
        return invitation;
    }

    @Override
    public Optional<Invitation> find(UUID token) {
        return store.find(token);
    }

    @Override
    @Transactional
    public boolean unsubscribe(UUID token) {
        return store.find(token).map(Invitation::identifier).map(contacts::withdrawSurveys).orElse(false);
    }

    @Override
    public Page<Invitation> list(Survey.Id survey, @Nullable InvitationStatus status, int limit,
            @Nullable String cursor) {
        surveys.get(survey);
        return store.list(survey, status, limit, cursor);
    }

    @Override
    public Set<String> channels() {
        return channels.invitable();
    }

    @Scheduled(fixedDelayString = "${rapport.feedback.dispatch-interval:PT30S}",
            initialDelayString = "${rapport.feedback.dispatch-interval:PT30S}")
    void scheduledDispatch() {
        dispatchDue();
    }

    @Override
    public int dispatchDue() {
        int settled = 0;
        boolean more;
        do {
            Instant now = clock.instant();
            Instant expiredBefore = now.minus(properties.invitationExpiry());
            List<UUID> overdue = store.overdue(expiredBefore, DISPATCH_BATCH);
            List<UUID> due = store.due(channels.readyPushNames(), now, DISPATCH_BATCH);
            int settledNow = 0;
            for (UUID token : overdue) {
                settledNow += expire(token, expiredBefore) ? 1 : 0;
            }
            for (UUID token : due) {
                settledNow += deliver(token, expiredBefore) ? 1 : 0;
            }
            settled += settledNow;
            // Another round while a batch came back full, unless nothing of it could be settled (a failing channel).
            more = settledNow > 0 && (overdue.size() == DISPATCH_BATCH || due.size() == DISPATCH_BATCH);
        } while (more);
        return settled;
    }

    private boolean expire(UUID token, Instant expiredBefore) {
        return Boolean.TRUE.equals(transactions.execute(status -> store.lock(token)
                .filter(i -> i.status() == InvitationStatus.SCHEDULED && i.dueAt().isBefore(expiredBefore))
                .map(i -> skip(i, SkipReason.EXPIRED, clock.instant()))
                .orElse(false)));
    }

    /**
     * Delivers one due invitation of a push channel, in a transaction of its own, unless throttling skips it.
     * Answers false if another node (or the widget) settled it first or its channel failed; a failure leaves it
     * scheduled, to be tried again on the next run until it expires.
     */
    private boolean deliver(UUID token, Instant expiredBefore) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Invitation found = store.find(token).orElse(null);
                if (found == null || found.status() != InvitationStatus.SCHEDULED || found.identifier() == null
                        || found.dueAt().isBefore(expiredBefore)) {
                    return false;
                }
                // The person first, then the invitation: the order in which the widget locks them too.
                Contacts.Person person = contacts.person(List.of(found.identifier()));
                contacts.lock(person);
                Invitation invitation = store.lock(token).filter(i -> i.status() == InvitationStatus.SCHEDULED)
                        .orElse(null);
                if (invitation == null) {
                    return false;
                }
                Instant now = clock.instant();
                Survey survey = surveys.get(invitation.surveyId());
                if (survey.status() != SurveyStatus.ACTIVE) {
                    return skip(invitation, SkipReason.SURVEY_INACTIVE, now);
                }
                Optional<SkipReason> skip = contacts.check(person, survey, now);
                if (skip.isPresent()) {
                    return skip(invitation, skip.get(), now);
                }
                InvitationChannel channel = channels.push(invitation.channel()).orElseThrow();
                if (channel.deliver(invitation, survey) == InvitationChannel.Delivery.UNDELIVERABLE) {
                    return skip(invitation, SkipReason.UNDELIVERABLE, now);
                }
                store.contacted(token, InvitationStatus.SENT, now);
                counters.add(survey.id(), SurveyCounters.SENT, now);
                return true;
            }));
        } catch (RuntimeException e) {
            log.error("Invitation {} could not be delivered; it stays scheduled and is tried again", token, e);
            return false;
        }
    }

    private boolean skip(Invitation invitation, SkipReason reason, Instant now) {
        store.skipped(invitation.token(), reason);
        counters.skipped(invitation.surveyId(), reason, now);
        return true;
    }
}
