package io.rapport.privacy.web;

import java.util.List;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.Consent;
import io.rapport.privacy.Consents;
import io.rapport.privacy.Purpose;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A customer's consents per purpose. */
@RestController
class ConsentsController {

    private final Consents consents;

    ConsentsController(Consents consents) {
        this.consents = consents;
    }

    record ConsentList(List<Consent> items) {
    }

    record ConsentChange(@Nullable String status) {
    }

    @GetMapping("/api/v1/customers/{id}/consents")
    @PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
    ConsentList list(@PathVariable UUID id) {
        return new ConsentList(consents.of(new Customer.Id(id)));
    }

    /** Records the customer's answer for one purpose, as given now. */
    @PutMapping("/api/v1/customers/{id}/consents/{purpose}")
    @PreAuthorize("hasAnyRole('MARKETER', 'AGENT')")
    Consent set(@PathVariable UUID id, @PathVariable String purpose, @RequestBody ConsentChange change) {
        Purpose named = Purpose.fromWire(purpose).orElseThrow(() -> ApiProblem.invalidField("purpose",
                "'" + purpose + "' is not a purpose. Use one of: " + Purpose.names() + "."));
        Consent.Status status = Consent.Status.fromWire(change.status() == null ? "" : change.status())
                .orElseThrow(() -> ApiProblem.invalidField("status", "status must be granted, denied or revoked."));
        return consents.set(new Customer.Id(id), named, status, Consent.Source.API);
    }
}
