package io.rapport.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.commerce.Order;
import io.rapport.commerce.OrderStatus;
import io.rapport.commerce.Orders;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.DataSubject;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders newest first, filtered by status, days, customer and order id, with revenue and orders per day of the
 * filter; and one order with its lines, refunds, coupons, customer and status history.
 */
@Controller
@RequestMapping("/console/orders")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class OrdersPage {

    private static final int PAGE = 50;
    /** Longer spans are charted per month: a bar per day would be too thin to read. */
    private static final int MAX_CHART_DAYS = 120;

    private final Orders orders;
    private final Customers customers;
    private final Clock clock;
    private final JsonMapper json;

    OrdersPage(Orders orders, Customers customers, Clock clock, JsonMapper json) {
        this.orders = orders;
        this.customers = customers;
        this.clock = clock;
        this.json = json;
    }

    record Row(String orderId, String placed, String placedAgo, String status, String statusClass, String buyer,
            @Nullable String customerId, String value) {
    }

    /** What the chart draws: one label per day (or month), orders, and revenue per currency. */
    record Chart(String unit, List<String> labels, List<Long> orders, List<Series> revenue) {
    }

    record Series(String currency, List<BigDecimal> values) {
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String before, Model model) {
        OrderStatus wanted = status == null || status.isBlank() ? null : OrderStatus.fromWire(status)
                .orElseThrow(() -> ApiProblem.invalidField("status", "Choose a status from the list."));
        LocalDate first = Orders.Filter.day("from", from);
        LocalDate last = Orders.Filter.day("to", to);
        Orders.Filter filter = new Orders.Filter(null, wanted, first, last, q);
        String who = customer == null ? "" : customer.strip();
        Optional<Customer> buyer = who.isEmpty() ? Optional.empty() : customerOf(who);
        model.addAttribute("statuses", Arrays.stream(OrderStatus.values())
                .map(s -> new Labels.Option(s.name(), Labels.of(s))).toList());
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("from", first == null ? "" : first.toString());
        model.addAttribute("to", last == null ? "" : last.toString());
        model.addAttribute("customer", who);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("filtered", wanted != null || first != null || last != null || !who.isEmpty()
                || (q != null && !q.isBlank()));
        model.addAttribute("buyerName", buyer.map(Customer::displayName).orElse(null));
        model.addAttribute("buyerId", buyer.map(c -> c.id().toString()).orElse(null));
        model.addAttribute("paged", before != null);
        model.addAttribute("unknownCustomer", !who.isEmpty() && buyer.isEmpty());
        if (!who.isEmpty() && buyer.isEmpty()) {
            model.addAttribute("rows", List.of());
            model.addAttribute("chart", json.writeValueAsString(chart(List.of())));
            return "console/orders";
        }
        if (buyer.isPresent()) {
            filter = filter.of(identifiers(buyer.get()));
        }
        Page<Order> page = orders.find(filter, PAGE, before);
        Instant now = clock.instant();
        model.addAttribute("rows", page.items().stream().map(o -> row(o, now)).toList());
        model.addAttribute("olderCursor", page.next());
        model.addAttribute("chart", json.writeValueAsString(chart(orders.daily(filter))));
        return "console/orders";
    }

    record Line(String product, String sku, String variant, String price, int quantity, String amount) {
    }

    record Refund(String at, String amount, String problem) {
    }

    record Coupon(String at, String coupon, String outcome, String discount, String reason) {
    }

    record Step(String at, String what) {
    }

    @GetMapping("/{orderId}")
    String order(@PathVariable String orderId, Model model) {
        Order.Details details = orders.get(orderId).orElseThrow(() -> ApiProblem.notFound("There is no order with "
                + "the id '" + orderId + "'. Orders appear once an Order Completed or Order Updated event names it."));
        Order order = details.order();
        String currency = order.currency() == null ? "" : order.currency();
        model.addAttribute("order", order);
        model.addAttribute("statusLabel", Labels.of(order.status()));
        model.addAttribute("statusClass", cssClass(order.status()));
        model.addAttribute("placed", Times.full(order.placedAt()));
        model.addAttribute("amounts", amounts(order, currency));
        String identifier = order.userIdentifier() != null ? order.userIdentifier() : order.anonymousIdentifier();
        Optional<Customer> buyer = identifier == null ? Optional.empty()
                : customers.find(Identifier.decode(identifier)).flatMap(customers::get);
        model.addAttribute("buyerName", buyer.map(Customer::displayName).orElse(null));
        model.addAttribute("buyerId", buyer.map(c -> c.id().toString()).orElse(null));
        model.addAttribute("buyerIdentifier", identifier == null ? null : Identifier.decode(identifier).value());
        model.addAttribute("userId", valueOf(order.userIdentifier()));
        model.addAttribute("anonymousId", valueOf(order.anonymousIdentifier()));
        model.addAttribute("lines", details.lines().stream().map(l -> new Line(
                l.name() != null ? l.name() : l.productId() != null ? l.productId() : "(no product id)",
                text(l.sku()), text(l.variant()), money(l.price(), currency), l.quantity(),
                money(l.price() == null ? null : l.price().multiply(BigDecimal.valueOf(l.quantity())), currency)))
                .toList());
        model.addAttribute("refunds", details.refunds().stream().map(r -> new Refund(Times.full(r.refundedAt()),
                r.wholeOrder() ? "the whole order" : money(r.amount(), r.currency()), text(r.problem()))).toList());
        model.addAttribute("coupons", details.coupons().stream().map(c -> new Coupon(Times.full(c.occurredAt()),
                c.couponName() != null ? c.couponName() + (c.couponId() == null ? "" : " (" + c.couponId() + ")")
                        : text(c.couponId()),
                c.outcome().toLowerCase(Locale.ROOT), money(c.discount(), c.currency()), text(c.reason())))
                .toList());
        model.addAttribute("history", history(details));
        return "console/order";
    }

    /** The customer a filter names: by customer id, user id, email or anonymous id. */
    private Optional<Customer> customerOf(String text) {
        try {
            return customers.get(new Customer.Id(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            // not a customer id: an identifier
        }
        List<Identifier> candidates = new ArrayList<>(List.of(Identifier.userId(text)));
        Identifier.email(text).ifPresent(candidates::add);
        candidates.add(Identifier.anonymousId(text));
        return candidates.stream().map(customers::find).flatMap(Optional::stream).findFirst()
                .flatMap(customers::get);
    }

    private List<String> identifiers(Customer customer) {
        return customers.dataSubject(customer.id()).map(DataSubject::identifiers).map(List::copyOf)
                .orElse(List.of());
    }

    private Row row(Order order, Instant now) {
        String identifier = order.userIdentifier() != null ? order.userIdentifier() : order.anonymousIdentifier();
        String buyer = "";
        String customerId = null;
        if (identifier != null) {
            Identifier id = Identifier.decode(identifier);
            buyer = id.type() == Identifier.Type.USER_ID ? id.value() : "guest " + id.value();
            customerId = customers.find(id).map(Customer.Id::toString).orElse(null);
        }
        return new Row(order.orderId(), Times.full(order.placedAt()), Times.relative(order.placedAt(), now),
                Labels.of(order.status()), cssClass(order.status()), buyer, customerId,
                money(order.value(), order.currency()));
    }

    /** Per day, or per month when the days span more than {@link #MAX_CHART_DAYS}; days without orders included. */
    private Chart chart(List<Orders.Day> days) {
        if (days.isEmpty()) {
            return new Chart("day", List.of(), List.of(), List.of());
        }
        LocalDate start = days.getFirst().day();
        LocalDate end = days.getLast().day();
        boolean monthly = ChronoUnit.DAYS.between(start, end) >= MAX_CHART_DAYS;
        List<String> labels = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            String label = monthly ? YearMonth.from(d).toString() : d.toString();
            if (!index.containsKey(label)) {
                index.put(label, labels.size());
                labels.add(label);
            }
        }
        long[] counts = new long[labels.size()];
        Map<String, BigDecimal[]> revenue = new TreeMap<>();
        for (Orders.Day day : days) {
            int i = index.get(monthly ? YearMonth.from(day.day()).toString() : day.day().toString());
            counts[i] += day.orders();
            day.revenue().forEach((currency, amount) -> {
                BigDecimal[] values = revenue.computeIfAbsent(currency, c -> zeros(labels.size()));
                values[i] = values[i].add(amount);
            });
        }
        return new Chart(monthly ? "month" : "day", labels, Arrays.stream(counts).boxed().toList(),
                revenue.entrySet().stream().map(e -> new Series(e.getKey(), List.of(e.getValue()))).toList());
    }

    private static BigDecimal[] zeros(int size) {
        BigDecimal[] values = new BigDecimal[size];
        Arrays.fill(values, BigDecimal.ZERO);
        return values;
    }

    record Amount(String label, String value) {
    }

    private static List<Amount> amounts(Order order, String currency) {
        List<Amount> amounts = new ArrayList<>();
        add(amounts, "Subtotal", order.subtotal(), currency);
        add(amounts, "Discount", order.discount(), currency);
        add(amounts, "Shipping", order.shipping(), currency);
        add(amounts, "Tax", order.tax(), currency);
        add(amounts, "Total", order.total(), currency);
        if (order.total() == null) {
            add(amounts, "Value (revenue, subtotal or lines)", order.value(), currency);
        }
        if (order.refunded().signum() > 0) {
            add(amounts, "Refunded", order.refunded(), currency);
        }
        return amounts;
    }

    private static void add(List<Amount> amounts, String label, @Nullable BigDecimal amount, String currency) {
        if (amount != null) {
            amounts.add(new Amount(label, money(amount, currency)));
        }
    }

    /** What happened to the order, oldest first: seen, completed, each refund, cancelled. */
    private static List<Step> history(Order.Details details) {
        Order order = details.order();
        record Dated(Instant at, String what) {
        }
        List<Dated> steps = new ArrayList<>();
        if (order.completedAt() == null || order.firstSeen().isBefore(order.completedAt())) {
            steps.add(new Dated(order.firstSeen(), "First seen (pending)"));
        }
        if (order.completedAt() != null) {
            steps.add(new Dated(order.completedAt(), "Completed"));
        }
        for (Order.Refund refund : details.refunds()) {
            steps.add(new Dated(refund.refundedAt(), refund.wholeOrder() ? "Refunded in full"
                    : refund.amount() == null ? "Refund without a usable amount"
                    : "Refunded " + money(refund.amount(), refund.currency())));
        }
        if (order.cancelledAt() != null) {
            steps.add(new Dated(order.cancelledAt(), "Cancelled"));
        }
        steps.sort(Comparator.comparing(Dated::at));
        return steps.stream().map(s -> new Step(Times.full(s.at()), s.what())).toList();
    }

    private static String money(@Nullable BigDecimal amount, @Nullable String currency) {
        return amount == null ? "" : amount.toPlainString() + (currency == null ? "" : " " + currency);
    }

    /** The value of an encoded identifier ({@code user:ana} → {@code ana}). */
    private static @Nullable String valueOf(@Nullable String identifier) {
        return identifier == null ? null : Identifier.decode(identifier).value();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String cssClass(OrderStatus status) {
        return "order-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
