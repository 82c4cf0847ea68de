package io.rapport.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.collect.Page;
import org.jspecify.annotations.Nullable;

/**
 * Invitations: created by event triggers, manual sends and links, sent by push channels when due, shown by the
 * widget. An invitation's token is what the public endpoints carry and what {@link SurveyResponses#answer} takes.
 */
public interface SurveyInvitations {

    /** The built-in channel: an invitation waits until the widget shows it on the person's next visit. */
    String WEB = "web";
    /** A survey opened from a shared link (e.g. on a receipt). */
    String LINK = "link";
    /** A survey opened in a physical store (QR code, kiosk). */
    String STORE = "store";

    /** The most people one manual send may name. */
    int MAX_SEND_RECIPIENTS = 10_000;

    /**
     * One occurrence of a tracked event: from the event log, or from another module in the same process (the help
     * desk can report a solved ticket as {@code Ticket Solved} this way).
     *
     * @param identifier the encoded identifier of the person ({@code user:…}, else {@code anon:…})
     * @param occurredAt when it happened: an event trigger's delay counts from here
     * @param receivedAt when Rapport learnt of it: a survey activated later is not triggered by it
     * @param locale the person's locale where known (Segment's {@code context.locale})
     * @param key what makes it one occurrence (an order id, a ticket id, a message id): the same key invites once
     */
    record Occurrence(String event, String identifier, Instant occurredAt, Instant receivedAt,
            @Nullable String locale, @Nullable String orderId, @Nullable String ticketId, String key) {
    }

    /**
     * A manual send to a list of people, named by encoded identifier ({@code email:ana@example.com},
     * {@code user:42}) or by customer id, through {@code channel}, due now. {@code key} makes a retried request
     * harmless: the same key and person invite once; without it, every request invites again (and throttling
     * decides).
     */
    record Send(List<String> identifiers, List<UUID> customerIds, String channel, @Nullable String key) {

        public Send {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
            customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
            channel = channel == null ? WEB : channel;
        }
    }

    /**
     * @param invited invitations created (each goes through throttling when it goes out)
     * @param alreadyInvited people this send's key had invited before
     * @param unknownCustomers customer ids that name no customer
     */
    record SendResult(int invited, int alreadyInvited, List<UUID> unknownCustomers) {
    }

    /** Invites a list of people to an active survey. */
    SendResult send(Survey.Id survey, Send send);

    /** Invites the person to every active survey with an event trigger for this event; answers how many. */
    int trigger(Occurrence occurrence);

    /**
     * An invitation for someone who opened a survey from a link or QR code ({@link #LINK}, {@link #STORE}): created
     * shown, so its token can be answered at once. Throttling does not apply: the person came to the survey.
     */
    Invitation open(Survey.Id survey, String channel, @Nullable String identifier, @Nullable String locale,
            @Nullable String orderId, @Nullable String ticketId);

    Optional<Invitation> find(UUID token);

    /**
     * Withdraws the consent to surveys ({@code Purpose.SURVEYS}, revoked, source email) of the person an invitation
     * went to, as the unsubscribe link of its mail does: no survey reaches them again on any channel until they
     * consent anew. False when the invitation or its person is not known (any more).
     */
    boolean unsubscribe(UUID token);

    /** A survey's invitations, newest first, of one status or all. */
    Page<Invitation> list(Survey.Id survey, @Nullable InvitationStatus status, int limit, @Nullable String cursor);

    /**
     * Hands every due invitation of a push channel to its {@link InvitationChannel} (after throttling), and drops
     * invitations of any channel that stayed undelivered past {@code rapport.feedback.invitation-expiry}. Runs every
     * {@code rapport.feedback.dispatch-interval}; answers how many invitations it settled.
     */
    int dispatchDue();

    /** The channels triggers and sends may name: {@code web} and every {@link InvitationChannel}'s. */
    Set<String> channels();
}
