package io.rapport.feedback.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.InvitationChannel;
import io.rapport.feedback.Survey;
import io.rapport.platform.Mailer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The {@code email} channel: an invitation goes to the person's address — the {@code email:} identifier it was made
 * out to, else the newest email of the customer its identifier belongs to — as a row of the mail outbox, written in
 * the transaction that marks it sent; {@link EmailSender} sends it once that commits. No address: undeliverable. While
 * no SMTP server is configured the channel is not ready, so its invitations wait (see docs/surveys.md, "Email").
 */
@Component
class EmailInvitations implements InvitationChannel {

    static final String NAME = "email";

    private final Customers customers;
    private final EmailOutbox outbox;
    private final ApplicationEventPublisher events;
    private final Mailer mailer;
    private final Clock clock;

    EmailInvitations(Customers customers, EmailOutbox outbox, ApplicationEventPublisher events, Mailer mailer, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.events = events;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return mailer.available();
    }

    @Override
    public Delivery deliver(Invitation invitation, Survey survey) {
        Optional<String> address = invitation.identifier() == null ? Optional.empty() : address(invitation.identifier());
        if (address.isEmpty()) {
            return Delivery.UNDELIVERABLE;
        }
        outbox.add(invitation.token(), address.get(), clock.instant());
        events.publishEvent(new EmailSender.Queued(invitation.token()));
        return Delivery.DELIVERED;
    }

    private Optional<String> address(String encoded) {
        Identifier identifier = Identifier.decode(encoded);
        if (identifier.type() == Identifier.Type.EMAIL) {
            return Optional.of(identifier.value());
        }
        return customers.find(identifier).flatMap(customers::get).flatMap(EmailInvitations::newestEmail);
    }

    private static Optional<String> newestEmail(Customer customer) {
        return customer.identities().stream().filter(identity -> identity.type() == Identifier.Type.EMAIL)
                .max(Comparator.comparing(Customer.Identity::firstSeen)).map(Customer.Identity::value);
    }
}
