package io.rapport.feedback.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.SkipReason;
import io.rapport.feedback.Survey;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.Consent;
import io.rapport.privacy.Consents;
import io.rapport.privacy.Purpose;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides whether a survey may reach a person now: their consent to surveys, then the {@link ThrottlePolicy} over
 * every contact made with any of their identifiers, on any channel. Decisions about one person take turns (a lock
 * row per person), so two at once cannot both pass the recontact window.
 */
@Component
class Contacts {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Consents consents;
    private final InvitationStore invitations;
    private final ThrottlePolicy policy;

    Contacts(JdbcClient jdbc, Customers customers, Consents consents, InvitationStore invitations,
            FeedbackProperties properties) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.consents = consents;
        this.invitations = invitations;
        this.policy = new ThrottlePolicy(properties.recontact());
    }

    /**
     * A person as throttling sees them: every identifier of the customers the given ones belong to (or just the
     * given ones, for someone Rapport has not profiled yet), and the most lasting of them as their key.
     */
    record Person(String key, Set<String> identifiers, Customer.@Nullable Id customer) {
    }

    /** The person these encoded identifiers name; an {@link ApiProblem} for one that is not an identifier. */
    Person person(Collection<String> given) {
        Set<String> identifiers = new TreeSet<>();
        Customer.Id customer = null;
        int i = 0;
        for (String encoded : given) {
            Identifier identifier = identifier(encoded, "identifiers[" + i++ + "]");
            identifiers.add(identifier.encoded());
            Optional<Customer.Id> found = customers.find(identifier);
            if (found.isPresent()) {
                customer = customer == null ? found.get() : customer;
                customers.dataSubject(found.get()).ifPresent(subject -> identifiers.addAll(subject.identifiers()));
            }
        }
        if (identifiers.isEmpty()) {
            throw ApiProblem.invalidField("identifiers", "Name the person by at least one identifier.");
        }
        // The most lasting identifier names the person for sampling and locks.
        String key = identifiers.stream().min(Identifier.MOST_LASTING_FIRST).orElseThrow();
        return new Person(key, identifiers, customer);
    }

    /**
     * An encoded identifier ({@code user:42}, {@code email:ana@example.com}) in its canonical form: emails
     * lower-cased, as the identity graph keeps them.
     */
    static Identifier identifier(String encoded, String field) {
        try {
            Identifier identifier = Identifier.decode(encoded);
            if (identifier.value().isBlank() || encoded.length() > Identifier.MAX_ENCODED_LENGTH) {
                throw new IllegalArgumentException(encoded);
            }
            if (identifier.type() == Identifier.Type.EMAIL) {
                return Identifier.email(identifier.value()).orElseThrow(() -> new IllegalArgumentException(encoded));
            }
            return identifier;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + encoded + "' is not an identifier such as user:42, anon:…, "
                    + "email:ana@example.com, phone:+4915112345678 or ext:crm:7.");
        }
    }

    /** Holds every other decision about this person off until the current transaction ends. */
    void lock(Person person) {
        jdbc.sql("insert into survey_contact_locks (person) values (?) on conflict do nothing").param(person.key())
                .update();
        jdbc.sql("select person from survey_contact_locks where person = ? for update").param(person.key())
                .query(String.class).single();
    }

    /** Why the survey may not reach the person now, if it may not. Call with the person locked. */
    Optional<SkipReason> check(Person person, Survey survey, Instant now) {
        if (person.customer() != null && !consentsToSurveys(person.customer())) {
            return Optional.of(SkipReason.NO_CONSENT);
        }
        return policy.check(survey.id().value(), survey.definition().throttling(), person.key(),
                invitations.contacts(person.identifiers()), now);
    }

    /** Records that the person, if they are a known customer, no longer wants surveys; false when unknown. */
    boolean withdrawSurveys(String identifier) {
        Optional<Customer.Id> customer = customers.find(Identifier.decode(identifier));
        customer.ifPresent(id -> consents.set(id, Purpose.SURVEYS, Consent.Status.REVOKED, Consent.Source.EMAIL));
        return customer.isPresent();
    }

    /** Unless the person's newest answer for surveys refuses them: no answer at all leaves surveys allowed. */
    private boolean consentsToSurveys(Customer.Id customer) {
        return consents.of(customer).stream().filter(c -> c.purpose() == Purpose.SURVEYS).findFirst()
                .map(Consent::status).map(Consent.Status::allows).orElse(true);
    }
}
