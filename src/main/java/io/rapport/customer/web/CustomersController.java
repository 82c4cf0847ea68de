package io.rapport.customer.web;

import java.util.List;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.CustomerMerges;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.customer.Timeline;
import io.rapport.customer.TimelineEntry;
import io.rapport.platform.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer profiles, found by any of their identifiers. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class CustomersController {

    private final Customers customers;
    private final CustomerMerges merges;
    private final Timeline timeline;

    CustomersController(Customers customers, CustomerMerges merges, Timeline timeline) {
        this.customers = customers;
        this.merges = merges;
        this.timeline = timeline;
    }

    record MergeRequest(@NotNull UUID customerId) {
    }

    /** Joins another customer into this one, even when both have user ids; answers the merge to undo it later. */
    @PostMapping("/api/v1/customers/{id}/merge")
    @PreAuthorize("hasAnyRole('ANALYST', 'AGENT')")
    CustomerMerges.Merge merge(@PathVariable UUID id, @Valid @RequestBody MergeRequest request,
            Authentication who) {
        return merges.merge(new Customer.Id(id), new Customer.Id(request.customerId()), who.getName());
    }

    @PostMapping("/api/v1/customer-merges/{mergeId}/undo")
    @PreAuthorize("hasAnyRole('ANALYST', 'AGENT')")
    CustomerMerges.Merge undo(@PathVariable UUID mergeId, Authentication who) {
        return merges.undo(mergeId, who.getName());
    }

    @GetMapping("/api/v1/customer-merges")
    List<CustomerMerges.Merge> mergeList(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and 1000.");
        }
        return merges.list(limit);
    }

    record Found(List<Customer> items) {
    }

    record Matches(List<Customers.Summary> items) {
    }

    /** Customers whose identifiers or name and email traits contain {@code q} (at most 50, newest first). */
    @GetMapping(path = "/api/v1/customers", params = "q")
    Matches search(@RequestParam String q) {
        if (q.strip().length() < 2) {
            throw ApiProblem.invalidField("q", "Search for at least 2 characters.");
        }
        return new Matches(customers.search(q));
    }

    /** The customer with this userId, anonymousId or email (exactly one must be given). */
    @GetMapping("/api/v1/customers")
    Found find(@RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String anonymousId,
            @RequestParam(required = false) @Nullable String email) {
        Identifier identifier;
        if (userId != null) {
            identifier = Identifier.userId(userId);
        } else if (anonymousId != null) {
            identifier = Identifier.anonymousId(anonymousId);
        } else if (email != null) {
            identifier = Identifier.email(email).orElseThrow(() -> ApiProblem.invalidField("email",
                    "'" + email + "' is not an email address."));
        } else {
            throw ApiProblem.badRequest("Give userId, anonymousId or email to find a customer.");
        }
        return new Found(customers.find(identifier).flatMap(customers::get).stream().toList());
    }

    @GetMapping("/api/v1/customers/{id}")
    Customer get(@PathVariable UUID id) {
        return customers.get(new Customer.Id(id))
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + id + "."));
    }

    /** Everything on the customer's timeline (events, orders …), newest first; {@code limit} 1–1000. */
    @GetMapping("/api/v1/customers/{id}/timeline")
    Page<TimelineEntry> timeline(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Customer.Id customer = new Customer.Id(id);
        if (!customers.exists(customer)) {
            throw ApiProblem.notFound("There is no customer with the id " + id + ".");
        }
        return timeline.of(customer, limit, cursor);
    }

    @GetMapping("/api/v1/identity-conflicts")
    List<Customers.Conflict> conflicts(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and 1000.");
        }
        return customers.conflicts(limit);
    }
}
