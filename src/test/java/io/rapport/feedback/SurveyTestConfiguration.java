package io.rapport.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What survey tests need beside Rapport: a clock they can move forward (days pass in a test), a push channel that
 * records what it is handed, and listeners that record every {@link SurveyAnswered} and {@link FeedbackReceived}.
 * Every survey test imports this, so they share one application context (and one clock, which therefore only ever
 * moves forward).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SurveyTestConfiguration {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    PostChannel postChannel() {
        return new PostChannel();
    }

    @Bean
    AnsweredEvents answeredEvents() {
        return new AnsweredEvents();
    }

    @Bean
    ReceivedFeedback receivedFeedback() {
        return new ReceivedFeedback();
    }

    /** The system clock plus an offset that tests move forward. */
    public static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        public void advance(Duration duration) {
            offset = offset.plus(duration);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A push channel ("post") that keeps what it delivers; people named undeliverable cannot be reached. */
    public static final class PostChannel implements InvitationChannel {

        public final List<Invitation> delivered = new CopyOnWriteArrayList<>();
        public final Set<String> undeliverable = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "post";
        }

        @Override
        public Delivery deliver(Invitation invitation, Survey survey) {
            if (undeliverable.contains(invitation.identifier())) {
                return Delivery.UNDELIVERABLE;
            }
            delivered.add(invitation);
            return Delivery.DELIVERED;
        }

        public List<Invitation> of(Survey.Id survey) {
            return delivered.stream().filter(i -> i.surveyId().equals(survey)).toList();
        }
    }

    /** Every {@link SurveyAnswered} published, with whether a transaction was open when it was. */
    public static final class AnsweredEvents {

        public record Received(SurveyAnswered event, boolean inTransaction) {
        }

        public final List<Received> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SurveyAnswered event) {
            received.add(new Received(event, TransactionSynchronizationManager.isActualTransactionActive()));
        }

        public List<Received> of(UUID responseId) {
            return received.stream().filter(r -> r.event().responseId().equals(responseId)).toList();
        }
    }

    /** Every {@link FeedbackReceived} published, with whether a transaction was open when it was. */
    public static final class ReceivedFeedback {

        public record Received(FeedbackReceived event, boolean inTransaction) {
        }

        public final List<Received> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(FeedbackReceived event) {
            received.add(new Received(event, TransactionSynchronizationManager.isActualTransactionActive()));
        }

        public List<Received> of(UUID feedbackId) {
            return received.stream().filter(r -> r.event().feedbackId().equals(feedbackId)).toList();
        }
    }
}
