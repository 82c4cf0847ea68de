package io.rapport.feedback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyStatus;
import io.rapport.platform.Mailer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the survey mails of the outbox: at once when an invitation's transaction commits ({@link Queued}), and every
 * {@code rapport.feedback.email-retry-interval} whatever is due again. A failed attempt is retried after the interval,
 * then twice as long each time (at most {@link FeedbackProperties#MAX_EMAIL_BACKOFF}); after
 * {@code rapport.feedback.email-max-attempts} the mail is given up with its last error kept. Counts go to the metric
 * {@code rapport.feedback.emails} (outcome {@code sent}, {@code retried}, {@code failed}); the mails waiting are the
 * gauge {@code rapport.feedback.emails.pending}.
 */
@Component
class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final int BATCH = 100;
    /** How long one attempt holds a mail: far longer than an SMTP conversation, short enough to recover a crash. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final EmailOutbox outbox;
    private final InvitationStore invitations;
    private final SurveyStore surveys;
    private final SurveyMails mails;
    private final Mailer mailer;
    private final FeedbackProperties properties;
    private final Clock clock;
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("survey-mail-sender").factory());
    private final AtomicInteger wakes = new AtomicInteger();

    EmailSender(EmailOutbox outbox, InvitationStore invitations, SurveyStore surveys, SurveyMails mails, Mailer mailer,
            FeedbackProperties properties, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.invitations = invitations;
        this.surveys = surveys;
        this.mails = mails;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
        this.sent = outcome(meters, "sent");
        this.retried = outcome(meters, "retried");
        this.failed = outcome(meters, "failed");
        Gauge.builder("rapport.feedback.emails.pending", outbox, o -> o.count(EmailOutbox.Status.PENDING))
                .description("Survey mails waiting to be sent or retried").register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("rapport.feedback.emails").tag("outcome", outcome)
                .description("Attempts to send survey mails, by outcome").register(meters);
    }

    /** A mail was added to the outbox in the current transaction. */
    record Queued(UUID invitation) {
    }

    /**
     * Sends what is due once the transaction that queued a mail has committed, on the sender's thread; mails queued
     * while it runs make it look once more.
     */
    @TransactionalEventListener
    void wake(Queued queued) {
        if (wakes.getAndIncrement() == 0) {
            worker.execute(() -> {
                int seen;
                do {
                    seen = wakes.get();
                    sendDue();
                } while (wakes.addAndGet(-seen) > 0);
            });
        }
    }

    @Scheduled(fixedDelayString = "${rapport.feedback.email-retry-interval:PT1M}",
            initialDelayString = "${rapport.feedback.email-retry-interval:PT1M}")
    void sendDue() {
        if (!mailer.available()) {
            return;
        }
        try {
            List<UUID> due;
            do {
                due = outbox.due(clock.instant(), BATCH);
                due.forEach(this::attempt);
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            log.error("Survey mails could not be read from the outbox; trying again later", e);
        }
    }

    private void attempt(UUID token) {
        Instant now = clock.instant();
        Optional<EmailOutbox.Mail> taken = outbox.take(token, now, now.plus(LEASE));
        if (taken.isEmpty()) {
            return;
        }
        EmailOutbox.Mail mail = taken.get();
        try {
            Invitation invitation = invitations.find(token).orElseThrow();
            Survey survey = surveys.get(invitation.surveyId());
            if (survey.status() == SurveyStatus.ARCHIVED) {
                outbox.failed(token, "The survey was archived before its mail went out.", null);
                failed.increment();
                return;
            }
            mailer.send(mails.render(invitation, survey, mail.recipient()));
            outbox.sent(token, clock.instant());
            sent.increment();
        } catch (RuntimeException e) {
            // Mail refused, or the mail could not be written: counted as an attempt either way, so nothing loops forever.
            int attempts = mail.attempts() + 1;
            if (attempts >= properties.emailMaxAttempts()) {
                log.warn("Survey mail for invitation {} given up after {} attempts: {}", token, attempts, e.getMessage());
                outbox.failed(token, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), null);
                failed.increment();
            } else {
                Instant retryAt = clock.instant().plus(backoff(attempts));
                log.info("Survey mail for invitation {} failed (attempt {}), retrying at {}: {}", token, attempts,
                        retryAt, e.getMessage());
                outbox.failed(token, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), retryAt);
                retried.increment();
            }
        }
    }

    /** The wait after the {@code attempts}-th failure: the interval, doubled for each failure before it. */
    private Duration backoff(int attempts) {
        Duration wait = properties.emailRetryInterval();
        for (int i = 1; i < attempts && wait.compareTo(FeedbackProperties.MAX_EMAIL_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(FeedbackProperties.MAX_EMAIL_BACKOFF) > 0 ? FeedbackProperties.MAX_EMAIL_BACKOFF : wait;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
