package io.rapport.feedback;

/**
 * A way of delivering invitations that Rapport pushes out when they fall due (email, SMS …): declare an
 * implementation as a Spring bean and its {@link #name()} becomes a channel that event triggers and manual sends
 * may name. The web channel is built in and needs none: the widget fetches what is waiting
 * ({@link Surveys#offerFor}).
 *
 * <p>{@link #deliver} is called once an invitation is due and has passed throttling, inside the transaction that
 * marks it sent and records the contact. Write to an outbox table of your own in that transaction for
 * exactly-once delivery, or send at once and accept that a failed commit (rare) sends again. Throwing rolls the
 * invitation back to scheduled; it is offered again on the next run until it expires.
 */
public interface InvitationChannel {

    /** The channel's name as triggers and sends use it: lower-case letters, e.g. {@code email}. */
    String name();

    /**
     * Delivers the invitation for {@code survey} (whose form in the person's language is
     * {@code Surveys.form(survey, invitation.locale())}); links carry {@link Invitation#token()}.
     */
    Delivery deliver(Invitation invitation, Survey survey);

    /**
     * Whether the channel can deliver now (e.g. its server is configured). While it cannot, its due invitations are
     * not handed to it: they stay scheduled, counted as no contact, until it can or they expire.
     */
    default boolean ready() {
        return true;
    }

    enum Delivery {
        DELIVERED,
        /** The person cannot be reached this way (no address, unsubscribed); counted as skipped, not retried. */
        UNDELIVERABLE
    }
}
