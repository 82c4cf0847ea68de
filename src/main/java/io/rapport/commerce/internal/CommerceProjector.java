package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.rapport.collect.EventConsumer;
import io.rapport.collect.MessageType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Identifier;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * coupon and cart events by their message, products by {@code product_id} (newest wins). Each event runs in its
 * own savepoint: one that cannot be projected is rolled back alone and recorded in {@code commerce_problems},
 * so a poison event never holds up the projector.
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

    private static final int ID_LENGTH = 200;
    private static final int MAX_LINES = 1_000;

    /** Floats as BigDecimal: money is never read through a double here. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final OrderFigures figures;
    private final String defaultCurrency;

    CommerceProjector(JdbcClient jdbc, PlatformTransactionManager transactions, OrderFigures figures,
            @Value("${rapport.commerce.default-currency:EUR}") String defaultCurrency) {
        this.jdbc = jdbc;
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

    @Override
    public void consume(List<TrackedEvent> events) {
        for (TrackedEvent event : events) {
            if (event.type() != MessageType.TRACK || event.event() == null || !isCommerce(event.event())) {
                continue;
            }
            Problems problems = new Problems();
            try {
                savepoint.executeWithoutResult(status -> project(event, problems));
            } catch (RuntimeException e) {
                // Rolled back to the savepoint: only this event's effects are undone.
                log.warn("Commerce event {} of source {} could not be projected; skipped", event.messageId(),
                        event.sourceId(), e);
                problems.add("could not be projected: " + e.getClass().getSimpleName());
            }
            if (!problems.isEmpty()) {
                jdbc.sql("""
                        insert into commerce_problems (source_id, message_id, event, reason, seen_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(event.sourceId().value(), event.messageId(), event.event(),
                                clip(problems.toString(), 1000), Timestamps.of(event.receivedAt()))
                        .update();
            }
        }
    }

    private static boolean isCommerce(String name) {
        return CART_EVENTS.contains(name) || ORDER_EVENTS.contains(name) || COUPON_EVENTS.contains(name)
                || PRODUCT_EVENTS.contains(name);
    }

    private void project(TrackedEvent event, Problems problems) {
        JsonNode message = JSON.readTree(event.json());
        JsonNode properties = message.get("properties");
        Props props = new Props(properties instanceof ObjectNode object ? object : JSON.createObjectNode(), problems);
        Person person = Person.of(event);
        String name = event.event();
        if (PRODUCT_EVENTS.contains(name)) {
            productOf(props, props.currency(null, defaultCurrency), event.timestamp());
        } else if (CART_EVENTS.contains(name)) {
            cartEvent(event, props, person);
        } else if (COUPON_EVENTS.contains(name)) {
            couponEvent(event, props);
        } else {
            orderEvent(event, props, person);
        }
    }

    // ---- products -------------------------------------------------------------------------------------------

    /** Upserts the product the properties describe (newest event wins per field it carries); its id, if any. */
    private @Nullable String productOf(Props props, Props.Currency currency, Instant at) {
        String productId = props.id("product_id");
        if (productId == null) {
            productId = props.id("sku");
        }
        if (productId == null) {
            return null;
        }
        BigDecimal price = currency.valid() ? props.amount("price") : null;
        jdbc.sql("""
                insert into commerce_products (product_id, first_seen, last_seen) values (?, ?, ?)
                on conflict do nothing""")
                .params(productId, Timestamps.of(at), Timestamps.of(at)).update();
        jdbc.sql("""
                update commerce_products set sku = coalesce(?, sku), name = coalesce(?, name),
                       category = coalesce(?, category), brand = coalesce(?, brand), variant = coalesce(?, variant),
                       price = coalesce(?, price), currency = coalesce(?, currency),
                       url = coalesce(?, url), image_url = coalesce(?, image_url), last_seen = ?
                where product_id = ? and last_seen <= ?""")
                .params(props.text("sku", 200), props.text("name", 500), props.text("category", 500),
                        props.text("brand", 200), props.text("variant", 200), price,
                        price == null ? null : currency.code(),
                        props.text("url", 2000), props.text("image_url", 2000), Timestamps.of(at), productId,
                        Timestamps.of(at))
                .update();
        jdbc.sql("update commerce_products set first_seen = ? where product_id = ? and first_seen > ?")
                .params(Timestamps.of(at), productId, Timestamps.of(at)).update();
        return productId;
    }

    // ---- carts ----------------------------------------------------------------------------------------------

    private void cartEvent(TrackedEvent event, Props props, Person person) {
        boolean seen = jdbc.sql("select count(*) from commerce_cart_events where source_id = ? and message_id = ?")
                .params(event.sourceId().value(), event.messageId()).query(Long.class).single() > 0;
        if (seen) {
            return;
        }
        String cartId = props.id("cart_id");
        String cartKey = cartId != null ? "cart:" + cartId : openCartOf(person);
        if (cartKey == null) {
            cartKey = "person:" + person.main() + "#" + event.seq();
        }
        Instant at = event.timestamp();
        jdbc.sql("""
                insert into commerce_carts (cart_key, cart_id, user_identifier, anonymous_identifier, status,
                                            first_activity, last_activity)
                values (?, ?, ?, ?, 'ACTIVE', ?, ?) on conflict do nothing""")
                .params(cartKey, cartId, person.user(), person.anonymous(), Timestamps.of(at), Timestamps.of(at))
                .update();
        String checkoutOrder = "Checkout Started".equals(event.event()) ? props.id("order_id") : null;
        jdbc.sql("""
                update commerce_carts set first_activity = least(first_activity, ?),
                       last_activity = greatest(last_activity, ?),
                       user_identifier = coalesce(user_identifier, ?),
                       anonymous_identifier = coalesce(anonymous_identifier, ?),
                       checkout_order_id = coalesce(?, checkout_order_id)
                where cart_key = ?""")
                .params(Timestamps.of(at), Timestamps.of(at), person.user(), person.anonymous(), checkoutOrder, cartKey)
                .update();
        String productId = null;
        int quantity = 0;
        BigDecimal price = null;
        Props.Currency currency = props.currency(null, defaultCurrency);
        if ("Product Added".equals(event.event()) || "Product Removed".equals(event.event())) {
            productId = productOf(props, currency, at);
            int q = props.quantity("quantity");
            quantity = "Product Added".equals(event.event()) ? q : -q;
            price = currency.valid() ? props.amount("price") : null;
            if (productId == null) {
                props.problems().add("no product_id or sku: the cart's items are unchanged");
                quantity = 0;
            }
        }
        jdbc.sql("""
                insert into commerce_cart_events (source_id, message_id, cart_key, event, product_id, quantity, price,
                                                  currency, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.sourceId().value(), event.messageId(), cartKey, event.event(), productId, quantity, price,
                        price == null ? null : currency.code(), Timestamps.of(at))
                .update();
    }

    /** The person's most recently active cart that has not been converted into an order. */
    private @Nullable String openCartOf(Person person) {
        return jdbc.sql("""
                select cart_key from commerce_carts
                where status = 'ACTIVE' and (user_identifier = ? or anonymous_identifier = ?)
                order by last_activity desc, id desc limit 1""")
                .params(person.user(), person.anonymous()).query(String.class).optional().orElse(null);
    }

    // ---- coupons --------------------------------------------------------------------------------------------

    private void couponEvent(TrackedEvent event, Props props) {
        Props.Currency currency = props.currency(null, defaultCurrency);
        BigDecimal discount = currency.valid() ? props.amount("discount") : null;
        String outcome = event.event().substring("Coupon ".length()).toUpperCase(java.util.Locale.ROOT);
        jdbc.sql("""
                insert into commerce_coupons (source_id, message_id, order_id, cart_id, coupon_id, coupon_name,
                                              outcome, discount, currency, reason, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(event.sourceId().value(), event.messageId(), props.id("order_id"), props.id("cart_id"),
                        props.text("coupon_id", 200), props.text("coupon_name", 200), outcome, discount,
                        discount == null ? null : currency.code(), props.text("reason", 500),
                        Timestamps.of(event.timestamp()))
                .update();
    }

    // ---- orders ---------------------------------------------------------------------------------------------

    private void orderEvent(TrackedEvent event, Props props, Person person) {
        String orderId = props.id("order_id");
        if (orderId == null) {
            props.problems().add("no order_id: the event was ignored");
            return;
        }
        Instant at = event.timestamp();
        jdbc.sql("""
                insert into commerce_orders (order_id, status, user_identifier, anonymous_identifier, first_seen)
                values (?, 'PENDING', ?, ?, ?) on conflict do nothing""")
                .params(orderId, person.user(), person.anonymous(), Timestamps.of(at)).update();
        jdbc.sql("""
                update commerce_orders set user_identifier = coalesce(user_identifier, ?),
                       anonymous_identifier = coalesce(anonymous_identifier, ?), first_seen = least(first_seen, ?)
                where order_id = ?""")
                .params(person.user(), person.anonymous(), Timestamps.of(at), orderId).update();
        String orderCurrency = jdbc.sql("select currency from commerce_orders where order_id = ?").param(orderId)
                .query(String.class).optional().orElse(null);
        switch (event.event()) {
            case "Order Completed" -> {
                details(event, props, orderId, orderCurrency);
                jdbc.sql("""
                        update commerce_orders set completed_at = ?
                        where order_id = ? and (completed_at is null or completed_at > ?)""")
                        .params(Timestamps.of(at), orderId, Timestamps.of(at)).update();
                convertCarts(orderId, props.id("cart_id"), person, at);
            }
            case "Order Updated" -> details(event, props, orderId, orderCurrency);
            case "Order Cancelled" -> jdbc.sql("""
                    update commerce_orders set cancelled_at = ?
                    where order_id = ? and (cancelled_at is null or cancelled_at > ?)""")
                    .params(Timestamps.of(at), orderId, Timestamps.of(at)).update();
            case "Order Refunded" -> refund(event, props, orderId, orderCurrency);
            default -> throw new IllegalStateException("not an order event: " + event.event());
        }
        updateStatus(orderId);
        figures.orderChanged(orderId);
    }

    /** Takes the event's details when it is the newest the order has seen (ties broken by messageId). */
    private void details(TrackedEvent event, Props props, String orderId, @Nullable String orderCurrency) {
        Instant at = event.timestamp();
        Props.Currency currency = props.currency(orderCurrency, defaultCurrency);
        List<LineValues> lines = lines(props, currency, at);
        int newest = jdbc.sql("""
                update commerce_orders set details_at = ?, details_message_id = ?,
                       checkout_id = coalesce(?, checkout_id), affiliation = coalesce(?, affiliation),
                       coupon = coalesce(?, coupon), problem = ?
                where order_id = ? and (details_at is null or details_at < ?
                                        or (details_at = ? and details_message_id <= ?))""")
                .params(Timestamps.of(at), event.messageId(), props.id("checkout_id"), props.text("affiliation", 200),
                        props.text("coupon", 200), currency.valid() ? null : clip(currency.problem(), 500), orderId,
                        Timestamps.of(at), Timestamps.of(at), event.messageId())
                .update();
        if (newest == 0) {
            return;
        }
        if (currency.valid()) {
            BigDecimal total = props.amount("total");
            BigDecimal subtotal = props.amount("subtotal");
            BigDecimal revenue = props.amount("revenue");
            BigDecimal shipping = props.amount("shipping");
            BigDecimal tax = props.amount("tax");
            BigDecimal discount = props.amount("discount");
            if (currency.code().equals(orderCurrency)) {
                // Fields the update does not carry keep their value.
                jdbc.sql("""
                        update commerce_orders set total = coalesce(?, total), subtotal = coalesce(?, subtotal),
                               revenue = coalesce(?, revenue), shipping = coalesce(?, shipping),
                               tax = coalesce(?, tax), discount = coalesce(?, discount)
                        where order_id = ?""")
                        .params(total, subtotal, revenue, shipping, tax, discount, orderId).update();
            } else {
                // A new currency: amounts of the old one mean nothing in it.
                jdbc.sql("""
                        update commerce_orders set currency = ?, total = ?, subtotal = ?, revenue = ?, shipping = ?,
                               tax = ?, discount = ?
                        where order_id = ?""")
                        .params(currency.code(), total, subtotal, revenue, shipping, tax, discount, orderId).update();
            }
        }
        if (!lines.isEmpty()) {
            jdbc.sql("delete from commerce_order_lines where order_id = ?").param(orderId).update();
            int lineNo = 0;
            for (LineValues line : lines) {
                jdbc.sql("""
                        insert into commerce_order_lines (order_id, line_no, product_id, sku, name, category, brand,
                                                          variant, price, quantity, coupon)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(orderId, ++lineNo, line.productId(), line.sku(), line.name(), line.category(),
                                line.brand(), line.variant(), line.price(), line.quantity(), line.coupon())
                        .update();
            }
        }
    }

    private record LineValues(@Nullable String productId, @Nullable String sku, @Nullable String name,
            @Nullable String category, @Nullable String brand, @Nullable String variant, @Nullable BigDecimal price,
            int quantity, @Nullable String coupon) {
    }

    private List<LineValues> lines(Props props, Props.Currency currency, Instant at) {
        List<LineValues> lines = new ArrayList<>();
        for (Props product : props.objects("products", MAX_LINES)) {
            String productId = productOf(product, currency, at);
            lines.add(new LineValues(productId, product.text("sku", 200), product.text("name", 500),
                    product.text("category", 500), product.text("brand", 200), product.text("variant", 200),
                    currency.valid() ? product.amount("price") : null, product.quantity("quantity"),
                    product.text("coupon", 200)));
        }
        return lines;
    }

    private void refund(TrackedEvent event, Props props, String orderId, @Nullable String orderCurrency) {
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
        jdbc.sql("""
                insert into commerce_refunds (order_id, message_id, amount, currency, whole_order, refunded_at, problem)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(orderId, event.messageId(), amount, amount == null ? null : currency.code(), whole,
                        Timestamps.of(event.timestamp()), currency.valid() ? null : clip(currency.problem(), 500))
                .update();
    }

    /** Recomputes the status from what is recorded, so it does not depend on the order events arrived in. */
    private void updateStatus(String orderId) {
        record Facts(@Nullable Instant completed, @Nullable Instant cancelled, @Nullable BigDecimal total,
                @Nullable String currency) {
        }
        Facts facts = jdbc.sql("select completed_at, cancelled_at, total, currency from commerce_orders where order_id = ?")
                .param(orderId)
                .query((rs, n) -> new Facts(Timestamps.nullableInstant(rs, "completed_at"),
                        Timestamps.nullableInstant(rs, "cancelled_at"), rs.getBigDecimal("total"),
                        rs.getString("currency")))
                .single();
        long whole = jdbc.sql("select count(*) from commerce_refunds where order_id = ? and whole_order = true")
                .param(orderId).query(Long.class).single();
        BigDecimal refunded = jdbc.sql("""
                select coalesce(sum(amount), 0) from commerce_refunds
                where order_id = ? and amount is not null and currency = ?""")
                .params(orderId, facts.currency()).query(BigDecimal.class).single();
        String status;
        if (facts.cancelled() != null) {
            status = "CANCELLED";
        } else if (whole > 0 || (facts.total() != null && facts.total().signum() > 0
                && refunded.compareTo(facts.total()) >= 0)) {
            status = "REFUNDED";
        } else if (refunded.signum() > 0) {
            status = "PARTIALLY_REFUNDED";
        } else if (facts.completed() != null) {
            status = "COMPLETED";
        } else {
            status = "PENDING";
        }
        jdbc.sql("update commerce_orders set status = ? where order_id = ?").params(status, orderId).update();
    }

    /**
     * The order's cart, and the person's carts opened before it, were turned into this order. Carts opened after
     * it stay open, so replaying the order converts the same carts.
     */
    private void convertCarts(String orderId, @Nullable String cartId, Person person, Instant at) {
        jdbc.sql("""
                update commerce_carts set status = 'CONVERTED', converted_order_id = ?, converted_at = ?
                where status = 'ACTIVE' and (checkout_order_id = ? or cart_id = ?
                      or ((user_identifier = ? or anonymous_identifier = ?) and first_activity <= ?))""")
                .params(orderId, Timestamps.of(at), orderId, cartId, person.user(), person.anonymous(),
                        Timestamps.of(at))
                .update();
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
