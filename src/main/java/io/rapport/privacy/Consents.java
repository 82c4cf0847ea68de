package io.rapport.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.DataSubject;
import io.rapport.privacy.internal.ConsentStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's consents. Answers are kept per identifier, the newest winning whatever arrives last; a customer's
 * consent to a purpose is the newest answer over all of its identifiers, so consents follow identifiers through
 * every regrouping of the identity graph.
 */
@Service
public class Consents {

    private final ConsentStore store;
    private final Customers customers;
    private final Clock clock;

    Consents(ConsentStore store, Customers customers, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    /** Records the customer's answer, given now. */
    @Transactional
    public Consent set(Customer.Id customer, Purpose purpose, Consent.Status status, Consent.Source source) {
        DataSubject subject = subject(customer);
        // The most lasting of the customer's identifiers holds an answer given for the whole customer.
        String holder = subject.identifiers().stream()
                .min(Identifier.MOST_LASTING_FIRST)
                .orElseThrow(() -> ApiProblem.notFound("The customer " + customer + " has no identifiers."));
        Consent consent = new Consent(purpose, status, source, clock.instant());
        store.record(holder, consent);
        return consent;
    }

    /** The customer's current answer per purpose, in purpose order; purposes never answered are left out. */
    public List<Consent> of(Customer.Id customer) {
        Map<Purpose, Consent> newest = new EnumMap<>(Purpose.class);
        for (ConsentStore.Row row : store.of(subject(customer).identifiers())) {
            newest.merge(row.consent().purpose(), row.consent(), (a, b) -> b.setAt().isBefore(a.setAt()) ? a : b);
        }
        return new ArrayList<>(newest.values());
    }

    private DataSubject subject(Customer.Id customer) {
        return customers.dataSubject(customer)
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + customer + "."));
    }
}
