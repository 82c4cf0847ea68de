package io.rapport.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.commerce.CommerceSummary;
import io.rapport.commerce.Orders;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.customer.Timeline;
import io.rapport.customer.TimelineEntry;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.Consents;
import io.rapport.privacy.Purpose;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** Customer search, and one customer's 360° view: identities, traits, purchases, channel mix and timeline. */
@Controller
@RequestMapping("/console/customers")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class CustomersPage {

    private static final int TIMELINE_PAGE = 50;

    private final Customers customers;
    private final Timeline timeline;
    private final Orders orders;
    private final Consents consents;
    private final Clock clock;
    private final JsonMapper json;

    CustomersPage(Customers customers, Timeline timeline, Orders orders, Consents consents, Clock clock,
            JsonMapper json) {
        this.customers = customers;
        this.timeline = timeline;
        this.orders = orders;
        this.consents = consents;
        this.clock = clock;
        this.json = json;
    }

    record Row(String id, String name, String email, int identifiers, long events, String createdAgo) {
    }

    record IdentityRow(String type, String value, String firstSeen) {
    }

    record TraitRow(String name, String value, String setAt) {
    }

    record ConsentRow(String purpose, String status, String source, String setAt) {
    }

    record Choice(String value, String label) {
    }

    record TimelineRow(String at, String ago, String type, String what, String link, String data) {
    }

    @GetMapping
    String search(@RequestParam(required = false) @Nullable String q, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        model.addAttribute("max", Customers.MAX_SEARCH_RESULTS);
        if (query.length() >= 2) {
            Instant now = clock.instant();
            model.addAttribute("results", customers.search(query).stream()
                    .map(s -> new Row(s.id().toString(), s.name(), s.email() == null ? "" : s.email(), s.identifiers(),
                            s.events(), Times.relative(s.createdAt(), now)))
                    .toList());
        }
        return "console/customers";
    }

    @GetMapping("/{id}")
    String customer(@PathVariable UUID id, @RequestParam(required = false) @Nullable String before, Model model) {
        Customer customer = customers.get(new Customer.Id(id))
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + id
                        + ". Profiles regroup as identities are linked: search for the customer again."));
        Page<TimelineEntry> entries = timeline.of(customer.id(), TIMELINE_PAGE, before);
        Instant now = clock.instant();
        model.addAttribute("customer", customer);
        model.addAttribute("name", Customer.displayName(customer));
        model.addAttribute("created", Times.full(customer.createdAt()));
        model.addAttribute("identities", customer.identities().stream()
                .map(i -> new IdentityRow(Labels.identifier(i.type()), i.value(), Times.full(i.firstSeen()))).toList());
        model.addAttribute("traits", customer.traits().entrySet().stream()
                .map(t -> new TraitRow(t.getKey(), t.getValue().value(), Times.full(t.getValue().setAt()))).toList());
        model.addAttribute("channelData", json.writeValueAsString(customer.channels().stream()
                .map(c -> new ChannelSlice(Labels.channel(c.channel()), c.events())).toList()));
        model.addAttribute("timeline", entries.items().stream().map(e -> new TimelineRow(Times.full(e.at()),
                Times.relative(e.at(), now), e.type(), e.title(), e.link() == null ? "" : e.link(),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(e.data())))).toList());
        model.addAttribute("olderCursor", entries.next());
        CommerceSummary purchases = orders.summaryOf(customer.identities().stream()
                .map(i -> new Identifier(i.type(), i.value()).encoded()).toList());
        model.addAttribute("purchases", purchases);
        model.addAttribute("consents", consents.of(customer.id()).stream()
                .map(c -> new ConsentRow(Labels.purpose(c.purpose()), c.status().wireName(), c.source().wireName(),
                        Times.full(c.setAt())))
                .toList());
        model.addAttribute("purposes", Arrays.stream(Purpose.values())
                .map(p -> new Choice(p.wireName(), Labels.purpose(p))).toList());
        model.addAttribute("lastOrder", purchases.lastOrderAt() == null ? "never"
                : Times.relative(purchases.lastOrderAt(), now));
        model.addAttribute("paged", before != null);
        return "console/customer";
    }

    record ChannelSlice(String name, long value) {
    }
}
