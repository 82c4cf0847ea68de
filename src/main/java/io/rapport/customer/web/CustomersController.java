package io.rapport.customer.web;

import java.util.List;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.customer.Customer;
import io.rapport.customer.CustomerDirectory;
import io.rapport.customer.CustomerMerges;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.customer.Timeline;
import io.rapport.customer.TimelineEntry;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer profiles: lists with filters, one customer by id, merges, and identity conflicts. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class CustomersController {

    private final Customers customers;
    private final CustomerDirectory directory;
    private final CustomerMerges merges;
    private final Timeline timeline;

    CustomersController(Customers customers, CustomerDirectory directory, CustomerMerges merges, Timeline timeline) {
        this.customers = customers;
        this.directory = directory;
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

    @GetMapping("/api/v1/customers")
    @Operation(summary = "List customers, newest first, with filters and cursor pages", description = """
            Customers in the order Rapport created their profiles, newest first. Every filter is optional and all \
            given filters must hold. Pages hold `limit` customers (1 to 1000, default 50); pass the page's `next` \
            as `cursor` for the following one (absent on the last page). Paging through an unchanged list shows \
            every customer exactly once. A lookup by one identifier (`?userId=…`) answers that customer alone, or \
            no items. Trait filters compare the customer's current (newest) value: strings exactly, numbers as \
            numbers (`42` matches 42, 42.0 and "42"), booleans as `true`/`false`; null, object and array values and \
            values over 500 characters never match. Errors are RFC 9457 problems naming the parameter (`field`).""")
    @Parameters({
            @Parameter(in = ParameterIn.QUERY, name = "q", description = "2 to 200 characters contained, "
                    + "case-insensitively, in an identifier (user id, anonymous id, email, phone, external id) or in "
                    + "the name, firstName, lastName or email trait"),
            @Parameter(in = ParameterIn.QUERY, name = "email", description = "has this email (any case)"),
            @Parameter(in = ParameterIn.QUERY, name = "userId", description = "has this user id"),
            @Parameter(in = ParameterIn.QUERY, name = "anonymousId", description = "has this anonymous id"),
            @Parameter(in = ParameterIn.QUERY, name = "trait.<name>", description = "the current value of trait "
                    + "<name> equals this, e.g. trait.plan=gold or trait.vip=true; several trait filters may be given"),
            @Parameter(in = ParameterIn.QUERY, name = "lastSeenAfter", description = "last event at or after this "
                    + "instant (2026-11-25T08:00:00Z) or date (midnight UTC)"),
            @Parameter(in = ParameterIn.QUERY, name = "lastSeenBefore", description = "last event before this instant "
                    + "or date; customers never seen do not match"),
            @Parameter(in = ParameterIn.QUERY, name = "channel", description = "at least one event on this channel: "
                    + "web, app, store, phone, chat, email, social, other"),
            @Parameter(in = ParameterIn.QUERY, name = "minOrders", description = "at least this many completed, "
                    + "not cancelled orders"),
            @Parameter(in = ParameterIn.QUERY, name = "minRevenue", description = "orders worth at least this much "
                    + "in `currency` (required with it): the orders' total, else revenue, else subtotal"),
            @Parameter(in = ParameterIn.QUERY, name = "currency", description = "ISO 4217 code of minRevenue"),
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "customers per page, 1 to 1000",
                    schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "1000")),
            @Parameter(in = ParameterIn.QUERY, name = "cursor", description = "the `next` of the previous page")})
    Page<Customer> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        CustomerListParameters list = CustomerListParameters.read(parameters);
        return directory.list(list.filter(), list.limit(), list.cursor());
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
