package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Projects Segment e-commerce spec v2 events into products, carts, orders, order lines, refunds and coupons.
 *
 * <p>Every effect is keyed so that handling an event again changes nothing: orders by {@code order_id} (the newest
 * event's details win, completion and cancellation keep their earliest time), refunds by (order_id, messageId),
 * coupon and cart events by their message, products by {@code product_id} (newest wins).
 *
 * <p>A batch of events is projected on its rows in memory ({@link CommerceRows}): read in bulk, changed event by
 * event in log order, written back with JDBC batches. If that fails, the batch is projected again one event at a
 * time, each in its own savepoint: one that cannot be projected is rolled back alone and recorded in
 * {@code commerce_problems}, so a poison event never holds up the projector. Both ways give the same rows.
 */
@Component
class CommerceProjector implements EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(CommerceProjector.class);

    static final Set<String> CART_EVENTS = Set.of("Product Added", "Product Removed", "Cart Viewed",
            "Checkout Started", "Checkout Step Viewed", "Checkout Step Completed", "Payment Info Entered");
    static final Set<String> ORDER_EVENTS = Set.of("Order Completed", "Order Updated", "Order Cancelled",
            "Order Refunded");
    static final Set<String> COUPON_EVENTS = Set.of("Coupon Entered", "Coupon Applied", "Coupon Denied",
            "Coupon Removed");
    static final Set<String> PRODUCT_EVENTS = Set.of("Product Viewed", "Product Clicked", "Product Added to Wishlist");

    private static final int MAX_LINES = 1_000;

    /** Floats as BigDecimal: money is never read through a double here. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate savepoint;
    private final OrderFigures figures;
    private final String defaultCurrency;

    CommerceProjector(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions,
            OrderFigures figures, @Value("${rapport.commerce.default-currency:EUR}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.figures = figures;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.defaultCurrency = Money.currency(defaultCurrency).orElseThrow(() -> new IllegalArgumentException(
                "rapport.commerce.default-currency must be an ISO-4217 currency code, not '" + defaultCurrency + "'"));
    }

    @Override
    public String name() {
        return "commerce.projector";
    }

    /** A commerce event of the batch and what could not be taken from it. */
    private record Pending(TrackedEvent event, Problems problems) {

        static List<Pending> of(List<TrackedEvent> events) {
            return events.stream().map(event -> new Pending(event, new Problems())).toList();
        }
    }

    /**
     * Projects the whole batch at once: its rows are read in bulk, the events applied to them in log order, and
     * the result written with JDBC batches. Should that fail, the batch is rolled back to its savepoint and
     * projected again one event at a time, each in a savepoint of its own, so only a poison event is skipped.
     */
    @Override
    public void consume(List<TrackedEvent> events) {
        List<TrackedEvent> commerce = events.stream()
                .filter(e -> e.type() == MessageType.TRACK && e.event() != null && isCommerce(e.event())).toList();
        if (commerce.isEmpty()) {
            return;
        }
        List<Pending> pending = Pending.of(commerce);
        try {
            List<Pending> all = pending;
            savepoint.executeWithoutResult(status -> project(all));
        } catch (RuntimeException e) {
            log.info("A batch of {} commerce events could not be projected together; projecting them one by one",
                    commerce.size(), e);
            pending = Pending.of(commerce);
            for (Pending one : pending) {
                try {
                    savepoint.executeWithoutResult(status -> project(List.of(one)));
                } catch (RuntimeException failure) {
                    // Rolled back to the savepoint: only this event's effects are undone.
                    log.warn("Commerce event {} of source {} could not be projected; skipped", one.event().messageId(),
                            one.event().sourceId(), failure);
                    one.problems().add("could not be projected: " + failure.getClass().getSimpleName());
                }
            }
        }
        List<Object[]> problems = new ArrayList<>();
        for (Pending one : pending) {
            if (!one.problems().isEmpty()) {
                TrackedEvent event = one.event();
                problems.add(new Object[] {event.sourceId().value(), event.messageId(), event.event(),
                        clip(one.problems().toString(), 1000), event.receivedAt()});
            }
        }
        CommerceRows.writeProblems(batch, problems);
    }

    private static boolean isCommerce(String name) {
        return CART_EVENTS.contains(name) || ORDER_EVENTS.contains(name) || COUPON_EVENTS.contains(name)
                || PRODUCT_EVENTS.contains(name);
    }

    private record Parsed(Pending pending, ObjectNode properties) {

        TrackedEvent event() {
            return pending.event();
        }

        Props props() {
            return new Props(properties, pending.problems());
        }
    }

    private void project(List<Pending> events) {
        List<Parsed> parsed = new ArrayList<>();
        for (Pending pending : events) {
            JsonNode properties = JSON.readTree(pending.event().json()).get("properties");
            parsed.add(new Parsed(pending, properties instanceof ObjectNode object ? object : JSON.createObjectNode()));
        }
        CommerceRows rows = new CommerceRows(jdbc, batch);
        rows.prefetch(wanted(parsed));
        Set<String> orders = new LinkedHashSet<>();
        for (Parsed event : parsed) {
            project(rows, event.event(), event.props());
            if (ORDER_EVENTS.contains(event.event().event())) {
                orders.add(new Props(event.properties(), new Problems()).id("order_id"));
            }
        }
        rows.flush();
        orders.remove(null);
        figures.ordersChanged(orders);
    }

    /** The rows a batch will ask for. Problems found here are found again when the events are projected. */
    private static CommerceRows.Wanted wanted(List<Parsed> events) {
        CommerceRows.Wanted wanted = new CommerceRows.Wanted();
        for (Parsed parsed : events) {
            TrackedEvent event = parsed.event();
            Props props = new Props(parsed.properties(), new Problems());
            Person person = Person.of(event);
            String name = event.event();
            if (PRODUCT_EVENTS.contains(name) || "Product Added".equals(name) || "Product Removed".equals(name)) {
                wantProduct(wanted, props);
            }
            if (CART_EVENTS.contains(name)) {
                wanted.cartEvents().add(CommerceRows.cartEventKey(event.sourceId().value(), event.messageId()));
                String cartId = props.id("cart_id");
                wanted.carts().add(cartId != null ? "cart:" + cartId : "person:" + person.main() + "#" + event.seq());
                wantPerson(wanted, person);
            }
            String orderId = ORDER_EVENTS.contains(name) ? props.id("order_id") : null;
            if (orderId != null) {
                wanted.orders().add(orderId);
                if ("Order Completed".equals(name) || "Order Updated".equals(name)) {
                    props.objects("products", MAX_LINES).forEach(product -> wantProduct(wanted, product));
                }
                if ("Order Completed".equals(name)) {
                    String cartId = props.id("cart_id");
                    if (cartId != null) {
                        wanted.carts().add("cart:" + cartId);
                    }
                    wanted.checkouts().add(orderId);
                    wantPerson(wanted, person);
                }
            }
        }
        return wanted;
    }

    private static void wantProduct(CommerceRows.Wanted wanted, Props props) {
        String productId = props.id("product_id");
        if (productId == null) {
            productId = props.id("sku");
        }
        if (productId != null) {
            wanted.products().add(productId);
        }
    }

    private static void wantPerson(CommerceRows.Wanted wanted, Person person) {
        if (person.user() != null) {
            wanted.identifiers().add(person.user());
        }
        if (person.anonymous() != null) {
            wanted.identifiers().add(person.anonymous());
        }
    }

    private void project(CommerceRows rows, TrackedEvent event, Props props) {
        Person person = Person.of(event);
        String name = event.event();
        if (PRODUCT_EVENTS.contains(name)) {
            productOf(rows, props, props.currency(null, defaultCurrency), event.timestamp());
        } else if (CART_EVENTS.contains(name)) {
            cartEvent(rows, event, props, person);
        } else if (COUPON_EVENTS.contains(name)) {
            couponEvent(rows, event, props);
        } else {
            orderEvent(rows, event, props, person);
        }
    }

    // ---- products -------------------------------------------------------------------------------------------

    /** Upserts the product the properties describe (newest event wins per field it carries); its id, if any. */
    private @Nullable String productOf(CommerceRows rows, Props props, Props.Currency currency, Instant at) {
        String productId = props.id("product_id");
        if (productId == null) {
            productId = props.id("sku");
        }
        if (productId == null) {
            return null;
        }
        BigDecimal price = currency.valid() ? props.amount("price") : null;
        String sku = props.text("sku", 200);
        String name = props.text("name", 500);
        String category = props.text("category", 500);
        String brand = props.text("brand", 200);
        String variant = props.text("variant", 200);
        String url = props.text("url", 2000);
        String imageUrl = props.text("image_url", 2000);
        CommerceRows.Product product = rows.product(productId);
        if (product == null) {
            product = rows.newProduct(productId, at);
        }
        if (!product.lastSeen.isAfter(at)) {
            product.sku = coalesce(sku, product.sku);
            product.name = coalesce(name, product.name);
            product.category = coalesce(category, product.category);
            product.brand = coalesce(brand, product.brand);
            product.variant = coalesce(variant, product.variant);
            if (price != null) {
                product.price = price;
                product.currency = currency.code();
            }
            product.url = coalesce(url, product.url);
            product.imageUrl = coalesce(imageUrl, product.imageUrl);
            product.lastSeen = at;
        }
        if (product.firstSeen.isAfter(at)) {
            product.firstSeen = at;
        }
        return productId;
    }

    // ---- carts ----------------------------------------------------------------------------------------------

    private void cartEvent(CommerceRows rows, TrackedEvent event, Props props, Person person) {
        UUID source = event.sourceId().value();
        if (rows.cartEventSeen(source, event.messageId())) {
            return;
        }
        String cartId = props.id("cart_id");
        String cartKey = cartId != null ? "cart:" + cartId : openCartOf(rows, person);
        if (cartKey == null) {
            cartKey = "person:" + person.main() + "#" + event.seq();
        }
        Instant at = event.timestamp();
        CommerceRows.Cart cart = rows.cart(cartKey);
        if (cart == null) {
            cart = rows.newCart(cartKey, cartId, person.user(), person.anonymous(), at);
        }
        String checkoutOrder = "Checkout Started".equals(event.event()) ? props.id("order_id") : null;
        cart.firstActivity = earliest(cart.firstActivity, at);
        cart.lastActivity = cart.lastActivity.isAfter(at) ? cart.lastActivity : at;
        cart.user = coalesce(cart.user, person.user());
        cart.anonymous = coalesce(cart.anonymous, person.anonymous());
        cart.checkoutOrderId = coalesce(checkoutOrder, cart.checkoutOrderId);
        String productId = null;
        int quantity = 0;
        BigDecimal price = null;
        Props.Currency currency = props.currency(null, defaultCurrency);
        if ("Product Added".equals(event.event()) || "Product Removed".equals(event.event())) {
            productId = productOf(rows, props, currency, at);
            int q = props.quantity("quantity");
            quantity = "Product Added".equals(event.event()) ? q : -q;
            price = currency.valid() ? props.amount("price") : null;
            if (productId == null) {
                props.problems().add("no product_id or sku: the cart's items are unchanged");
                quantity = 0;
            }
        }
        rows.addCartEvent(source, event.messageId(), cartKey, event.event(), productId, quantity, price,
                price == null ? null : currency.code(), at);
    }

    /** The person's most recently active cart that has not been converted into an order. */
    private static @Nullable String openCartOf(CommerceRows rows, Person person) {
        CommerceRows.Cart newest = null;
        for (CommerceRows.Cart cart : rows.cartsOf(person.user(), person.anonymous())) {
            if ("ACTIVE".equals(cart.status) && person.owns(cart.user, cart.anonymous) && (newest == null
                    || cart.lastActivity.isAfter(newest.lastActivity)
                    || (cart.lastActivity.equals(newest.lastActivity) && cart.position > newest.position))) {
                newest = cart;
            }
        }
        return newest == null ? null : newest.cartKey;
    }

    // ---- coupons --------------------------------------------------------------------------------------------

    private void couponEvent(CommerceRows rows, TrackedEvent event, Props props) {
        Props.Currency currency = props.currency(null, defaultCurrency);
        BigDecimal discount = currency.valid() ? props.amount("discount") : null;
        String outcome = event.event().substring("Coupon ".length()).toUpperCase(java.util.Locale.ROOT);
        rows.addCoupon(event.sourceId().value(), event.messageId(), props.id("order_id"), props.id("cart_id"),
                props.text("coupon_id", 200), props.text("coupon_name", 200), outcome, discount,
                discount == null ? null : currency.code(), props.text("reason", 500), event.timestamp());
    }

    // ---- orders ---------------------------------------------------------------------------------------------

    private void orderEvent(CommerceRows rows, TrackedEvent event, Props props, Person person) {
        String orderId = props.id("order_id");
        if (orderId == null) {
            props.problems().add("no order_id: the event was ignored");
            return;
        }
        Instant at = event.timestamp();
        CommerceRows.Order order = rows.order(orderId);
        if (order == null) {
            order = rows.newOrder(orderId, person.user(), person.anonymous(), at);
        }
        order.user = coalesce(order.user, person.user());
        order.anonymous = coalesce(order.anonymous, person.anonymous());
        order.firstSeen = earliest(order.firstSeen, at);
        order.purchasesChangedSeq = Math.max(order.purchasesChangedSeq, event.seq());
        String orderCurrency = order.currency;
        switch (event.event()) {
            case "Order Completed" -> {
                details(rows, event, props, order, orderCurrency);
                order.completedAt = order.completedAt == null ? at : earliest(order.completedAt, at);
                convertCarts(rows, orderId, props.id("cart_id"), person, at);
            }
            case "Order Updated" -> details(rows, event, props, order, orderCurrency);
            case "Order Cancelled" -> order.cancelledAt = order.cancelledAt == null ? at
                    : earliest(order.cancelledAt, at);
            case "Order Refunded" -> refund(rows, event, props, order, orderCurrency);
            default -> throw new IllegalStateException("not an order event: " + event.event());
        }
        order.status = status(order);
    }

    /** Takes the event's details when it is the newest the order has seen (ties broken by messageId). */
    private void details(CommerceRows rows, TrackedEvent event, Props props, CommerceRows.Order order,
            @Nullable String orderCurrency) {
        Instant at = event.timestamp();
        Props.Currency currency = props.currency(orderCurrency, defaultCurrency);
        List<LineValues> lines = lines(rows, props, currency, at);
        String checkoutId = props.id("checkout_id");
        String affiliation = props.text("affiliation", 200);
        String coupon = props.text("coupon", 200);
        boolean newest = order.detailsAt == null || order.detailsAt.isBefore(at)
                || (order.detailsAt.equals(at) && order.detailsMessageId != null
                    && order.detailsMessageId.compareTo(event.messageId()) <= 0);
        if (!newest) {
            return;
        }
        order.detailsAt = at;
        order.detailsMessageId = event.messageId();
        order.checkoutId = coalesce(checkoutId, order.checkoutId);
        order.affiliation = coalesce(affiliation, order.affiliation);
        order.coupon = coalesce(coupon, order.coupon);
        order.problem = currency.valid() ? null : clip(currency.problem(), 500);
        if (currency.valid()) {
            BigDecimal total = props.amount("total");
            BigDecimal subtotal = props.amount("subtotal");
            BigDecimal revenue = props.amount("revenue");
            BigDecimal shipping = props.amount("shipping");
            BigDecimal tax = props.amount("tax");
            BigDecimal discount = props.amount("discount");
            boolean sameCurrency = currency.code().equals(orderCurrency);
            // Fields an update does not carry keep their value; amounts of another currency mean nothing in this one.
            order.currency = currency.code();
            order.total = sameCurrency ? coalesce(total, order.total) : total;
            order.subtotal = sameCurrency ? coalesce(subtotal, order.subtotal) : subtotal;
            order.revenue = sameCurrency ? coalesce(revenue, order.revenue) : revenue;
            order.shipping = sameCurrency ? coalesce(shipping, order.shipping) : shipping;
            order.tax = sameCurrency ? coalesce(tax, order.tax) : tax;
            order.discount = sameCurrency ? coalesce(discount, order.discount) : discount;
        }
        if (!lines.isEmpty()) {
            order.lines = lines;
        }
    }

    record LineValues(@Nullable String productId, @Nullable String sku, @Nullable String name,
            @Nullable String category, @Nullable String brand, @Nullable String variant, @Nullable BigDecimal price,
            int quantity, @Nullable String coupon) {
    }

    private List<LineValues> lines(CommerceRows rows, Props props, Props.Currency currency, Instant at) {
        List<LineValues> lines = new ArrayList<>();
        for (Props product : props.objects("products", MAX_LINES)) {
            String productId = productOf(rows, product, currency, at);
            lines.add(new LineValues(productId, product.text("sku", 200), product.text("name", 500),
                    product.text("category", 500), product.text("brand", 200), product.text("variant", 200),
                    currency.valid() ? product.amount("price") : null, product.quantity("quantity"),
                    product.text("coupon", 200)));
        }
        return lines;
    }

    /** A refund, keyed by (order, message): a replayed refund finds its row and adds nothing. */
    private void refund(CommerceRows rows, TrackedEvent event, Props props, CommerceRows.Order order,
            @Nullable String orderCurrency) {
        Props.Currency currency = props.currency(orderCurrency, defaultCurrency);
        BigDecimal amount = null;
        boolean whole = false;
        if (currency.valid()) {
            amount = props.amount("total");
            if (amount == null) {
                List<Props> products = props.objects("products", MAX_LINES);
                for (Props product : products) {
                    BigDecimal price = product.amount("price");
                    if (price != null) {
                        BigDecimal line = price.multiply(BigDecimal.valueOf(product.quantity("quantity")));
                        amount = amount == null ? line : amount.add(line);
                    }
                }
                whole = amount == null && products.isEmpty() && !props.has("total");
            }
        }
        rows.addRefund(order, new CommerceRows.Refund(event.messageId(),
                amount == null ? null : amount.setScale(Money.SCALE, RoundingMode.HALF_EVEN),
                amount == null ? null : currency.code(), whole), event.timestamp(),
                currency.valid() ? null : clip(currency.problem(), 500));
    }

    /** The status from what is recorded, so it does not depend on the order events arrived in. */
    private static String status(CommerceRows.Order order) {
        boolean whole = order.refunds.stream().anyMatch(CommerceRows.Refund::wholeOrder);
        BigDecimal refunded = order.refunds.stream()
                .filter(r -> r.amount() != null && r.currency() != null && r.currency().equals(order.currency))
                .map(CommerceRows.Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (order.cancelledAt != null) {
            return "CANCELLED";
        } else if (whole || (order.total != null && order.total.signum() > 0 && refunded.compareTo(order.total) >= 0)) {
            return "REFUNDED";
        } else if (refunded.signum() > 0) {
            return "PARTIALLY_REFUNDED";
        } else if (order.completedAt != null) {
            return "COMPLETED";
        }
        return "PENDING";
    }

    /**
     * The order's cart, and the person's carts opened before it, were turned into this order. Carts opened after
     * it stay open, so replaying the order converts the same carts.
     */
    private static void convertCarts(CommerceRows rows, String orderId, @Nullable String cartId, Person person,
            Instant at) {
        for (CommerceRows.Cart cart : rows.cartsToConvert(orderId, cartId, person.user(), person.anonymous())) {
            if ("ACTIVE".equals(cart.status) && (orderId.equals(cart.checkoutOrderId)
                    || (cartId != null && cartId.equals(cart.cartId))
                    || (person.owns(cart.user, cart.anonymous) && !cart.firstActivity.isAfter(at)))) {
                cart.status = "CONVERTED";
                cart.convertedOrderId = orderId;
                cart.convertedAt = at;
            }
        }
    }

    private static <T> @Nullable T coalesce(@Nullable T value, @Nullable T otherwise) {
        return value != null ? value : otherwise;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The person of a message as encoded identifiers; {@code main} is the user id, else the anonymous id. */
    record Person(@Nullable String user, @Nullable String anonymous) {

        static Person of(TrackedEvent event) {
            return new Person(fit(event.userId() == null ? null : Identifier.userId(event.userId()).encoded()),
                    fit(event.anonymousId() == null ? null : Identifier.anonymousId(event.anonymousId()).encoded()));
        }

        private static @Nullable String fit(@Nullable String encoded) {
            return encoded == null || encoded.length() > Identifier.MAX_ENCODED_LENGTH ? null : encoded;
        }

        String main() {
            return user != null ? user : anonymous != null ? anonymous : "unknown";
        }

        /** Whether a row with these identifiers is this person's (by the user id, or by the anonymous id). */
        boolean owns(@Nullable String userIdentifier, @Nullable String anonymousIdentifier) {
            return (user != null && user.equals(userIdentifier))
                    || (anonymous != null && anonymous.equals(anonymousIdentifier));
        }
    }

    /** What could not be taken from an event, for {@code commerce_problems}. */
    static final class Problems {
        private final List<String> reasons = new ArrayList<>();

        void add(String reason) {
            reasons.add(reason);
        }

        boolean isEmpty() {
            return reasons.isEmpty();
        }

        @Override
        public String toString() {
            return String.join("; ", reasons);
        }
    }
}
