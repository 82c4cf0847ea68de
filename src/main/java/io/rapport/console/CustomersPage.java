package io.rapport.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.commerce.CommerceSummary;
import io.rapport.commerce.Orders;
import io.rapport.customer.Channel;
import io.rapport.customer.Customer;
import io.rapport.customer.CustomerDirectory;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.customer.Timeline;
import io.rapport.customer.TimelineEntry;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.Consents;
import io.rapport.privacy.Purpose;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer list (search, filters, pages, CSV export), and one customer's 360° view: identities, traits,
 * purchases, channel mix and timeline.
 */
@Controller
@RequestMapping("/console/customers")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class CustomersPage {

    private static final int TIMELINE_PAGE = 50;
    private static final int PAGE_SIZE = 50;

    private final Customers customers;
    private final Timeline timeline;
    private final CustomerDirectory directory;
    private final Orders orders;
    private final Consents consents;
    private final Clock clock;
    private final JsonMapper json;

    CustomersPage(Customers customers, Timeline timeline, CustomerDirectory directory, Orders orders,
            Consents consents, Clock clock, JsonMapper json) {
        this.customers = customers;
        this.timeline = timeline;
        this.directory = directory;
        this.orders = orders;
        this.consents = consents;
        this.clock = clock;
        this.json = json;
    }

    record Row(String id, String name, String email, String userId, List<String> channels, long events,
            String firstSeen, String lastSeen, String lastSeenAt) {
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

    /** The newest customers, or those the filters select, a page at a time. */
    @GetMapping
    String list(@ModelAttribute("form") CustomerListForm form, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("channels", Arrays.stream(Channel.values())
                .map(c -> new Choice(c.name().toLowerCase(Locale.ROOT), Labels.channel(c))).toList());
        model.addAttribute("periods", CustomerListForm.SEEN.entrySet().stream()
                .map(p -> new Choice(p.getKey(), p.getValue().label())).toList());
        Optional<String> problem = form.problem();
        if (problem.isPresent()) {
            model.addAttribute("problem", problem.get());
            return "console/customers";
        }
        Instant now = clock.instant();
        Page<Customer> found = directory.list(form.filter(now), PAGE_SIZE, cursor);
        model.addAttribute("rows", found.items().stream().map(CustomerLine::of).map(line -> new Row(line.id(),
                line.name(), line.email(), line.userId(), line.channels().stream().map(Labels::channel).toList(),
                line.events(), line.firstSeen() == null ? "never" : Times.relative(line.firstSeen(), now),
                line.lastSeen() == null ? "never" : Times.relative(line.lastSeen(), now), Times.full(line.lastSeen())))
                .toList());
        model.addAttribute("page", Math.max(page, 1));
        model.addAttribute("pageSize", PAGE_SIZE);
        model.addAttribute("firstPage", cursor == null ? null : form.link("/console/customers", Map.of()));
        model.addAttribute("nextPage", found.next() == null ? null : form.link("/console/customers",
                Map.of("cursor", found.next(), "page", Integer.toString(Math.max(page, 1) + 1))));
        model.addAttribute("exportLink", form.link("/console/customers/export", Map.of()));
        return "console/customers";
    }

    /** Every customer the filters select, as CSV, streamed as it is read. */
    @GetMapping("/export")
    @PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
    void export(@ModelAttribute CustomerListForm form, HttpServletResponse response) throws IOException {
        form.problem().ifPresent(problem -> {
            throw ApiProblem.badRequest(problem);
        });
        Instant now = clock.instant();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("customers-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".csv").build().toString());
        CustomerCsv.write(response.getWriter(), directory, form.filter(now));
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
