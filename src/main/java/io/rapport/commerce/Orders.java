package io.rapport.commerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.rapport.collect.Cursors;
import io.rapport.collect.Page;
import io.rapport.commerce.internal.Money;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads what the commerce projector built: orders (newest first, with lines, refunds and coupons), products,
 * carts, and a person's commerce summary. People are given as encoded identifiers ({@code user:…},
 * {@code anon:…}, see {@code io.rapport.customer.Identifier}), so a customer's figures are those of all of their ids.
 */
@Service
public class Orders {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration abandonedAfter;

    Orders(JdbcClient jdbc, Clock clock,
            @Value("${rapport.commerce.cart-abandoned-after:PT1H}") Duration abandonedAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
    }

    /**
     * Which orders to list; every part is optional (null: any). {@code identifiers}: orders of any of these
     * encoded identifiers (as user or anonymous identifier); {@code from} and {@code to}: days (UTC, both included)
     * the order was placed on; {@code orderId}: order ids starting with this text.
     */
    public record Filter(@Nullable Collection<String> identifiers, @Nullable OrderStatus status,
            @Nullable LocalDate from, @Nullable LocalDate to, @Nullable String orderId) {

        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw ApiProblem.invalidField("to", "The last day (" + to + ") is before the first (" + from + ").");
            }
        }

        /** The same filter for the orders of these identifiers. */
        public Filter of(Collection<String> people) {
            return new Filter(people, status, from, to, orderId);
        }

        /** A day as a person gives it ({@code 2026-01-31}), for the field of that name; null when blank. */
        public static @Nullable LocalDate day(String field, @Nullable String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField(field, "'" + text + "' is not a date such as 2026-01-31.");
            }
        }

        /** The SQL condition on {@code commerce_orders o} and its parameters. */
        private String where(Map<String, Object> params) {
            List<String> conditions = new ArrayList<>();
            conditions.add("1 = 1");
            if (identifiers != null) {
                conditions.add("(o.user_identifier in (:ids) or o.anonymous_identifier in (:ids))");
                params.put("ids", List.copyOf(identifiers));
            }
            if (status != null) {
                conditions.add("o.status = :status");
                params.put("status", status.name());
            }
            if (from != null) {
                conditions.add("o.placed_at >= :from");
                params.put("from", from.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            if (to != null) {
                conditions.add("o.placed_at < :to");
                params.put("to", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            if (orderId != null && !orderId.isBlank()) {
                conditions.add("o.order_id like :orderId escape '\\'");
                params.put("orderId", orderId.strip().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%");
            }
            return String.join(" and ", conditions);
        }
    }

    private record Row<T>(long id, T value) {
    }

    /**
     * Orders newest first: by when they were placed (completed, else first seen), then in the order Rapport
     * first saw them.
     */
    public Page<Order> find(Filter filter, int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        if (filter.identifiers() != null && filter.identifiers().isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder(SELECT_ORDER).append(" where ").append(filter.where(params));
        if (cursor != null && !cursor.isBlank()) {
            Cursors.Position after = Cursors.Position.decode(cursor);
            sql.append(" and (o.placed_at < :at or (o.placed_at = :at and o.id < :id))");
            params.put("at", Timestamps.of(after.at()));
            params.put("id", after.key());
        }
        sql.append(" order by o.placed_at desc, o.id desc limit ").append(size + 1);
        List<Row<Order>> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row<>(rs.getLong("id"), order(rs))).list();
        if (rows.size() <= size) {
            return new Page<>(rows.stream().map(Row::value).toList(), null);
        }
        Row<Order> last = rows.get(size - 1);
        return new Page<>(rows.subList(0, size).stream().map(Row::value).toList(),
                new Cursors.Position(last.value().placedAt(), last.id(), "").encode());
    }

    /**
     * One day (UTC) of the orders a filter lists: how many were placed, and their value per currency (cancelled
     * orders left out; refunds not taken off).
     */
    public record Day(LocalDate day, long orders, Map<String, BigDecimal> revenue) {
    }

    /** The filter's orders per day on which any was placed, oldest first. */
    public List<Day> daily(Filter filter) {
        if (filter.identifiers() != null && filter.identifiers().isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String day = "cast(o.placed_at at time zone 'UTC' as date)";
        Map<LocalDate, Day> days = new TreeMap<>();
        jdbc.sql("select " + day + " as placed_day, o.currency, count(*) as orders, "
                        + "sum(case when o.status <> 'CANCELLED' then " + VALUE + " end) as revenue "
                        + "from commerce_orders o where " + filter.where(params) + " group by " + day + ", o.currency")
                .params(params)
                .query(rs -> {
                    LocalDate date = rs.getObject("placed_day", LocalDate.class);
                    Day before = days.getOrDefault(date, new Day(date, 0, new TreeMap<>()));
                    Map<String, BigDecimal> revenue = new TreeMap<>(before.revenue());
                    String currency = rs.getString("currency");
                    BigDecimal amount = rs.getBigDecimal("revenue");
                    if (currency != null && amount != null) {
                        revenue.put(currency, Money.shown(amount, currency));
                    }
                    days.put(date, new Day(date, before.orders() + rs.getLong("orders"), revenue));
                });
        return List.copyOf(days.values());
    }

    public Optional<Order.Details> get(String orderId) {
        Optional<Order> order = jdbc.sql(SELECT_ORDER + " where o.order_id = ?").param(orderId)
                .query((rs, n) -> order(rs)).optional();
        return order.map(o -> new Order.Details(o, lines(o), refunds(o), coupons(o)));
    }

    /** Products newest first (in the order Rapport first saw them). */
    public Page<Product> products(int limit, @Nullable String cursor) {
        int size = Cursors.limit(limit);
        List<Row<Product>> rows = jdbc.sql("select * from commerce_products where id < ? order by id desc limit ?")
                .params(Cursors.decode(cursor), size + 1)
                .query((rs, n) -> new Row<>(rs.getLong("id"), new Product(rs.getString("product_id"),
                        rs.getString("sku"), rs.getString("name"), rs.getString("category"), rs.getString("brand"),
                        rs.getString("variant"), Money.shown(rs.getBigDecimal("price"), rs.getString("currency")),
                        rs.getString("currency"), rs.getString("url"), rs.getString("image_url"),
                        Timestamps.instant(rs, "first_seen"), Timestamps.instant(rs, "last_seen"))))
                .list();
        Page<Row<Product>> page = Cursors.page(rows, size, Row::id);
        return new Page<>(page.items().stream().map(Row::value).toList(), page.next());
    }

    /** The carts of these identifiers, most recently active first, with their status as of now. */
    public List<Cart> cartsOf(Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        Instant abandonedBefore = clock.instant().minus(abandonedAfter);
        List<Cart> carts = jdbc.sql("""
                select * from commerce_carts
                where user_identifier in (:ids) or anonymous_identifier in (:ids)
                order by last_activity desc, id desc""")
                .param("ids", List.copyOf(identifiers))
                .query((rs, n) -> {
                    Instant last = Timestamps.instant(rs, "last_activity");
                    Cart.Status status = "CONVERTED".equals(rs.getString("status")) ? Cart.Status.CONVERTED
                            : last.isBefore(abandonedBefore) ? Cart.Status.ABANDONED : Cart.Status.ACTIVE;
                    return new Cart(rs.getString("cart_key"), rs.getString("cart_id"), status,
                            rs.getString("user_identifier"), rs.getString("anonymous_identifier"),
                            Timestamps.instant(rs, "first_activity"), last, rs.getString("converted_order_id"),
                            Timestamps.nullableInstant(rs, "converted_at"), List.of());
                })
                .list();
        List<Cart> withItems = new ArrayList<>();
        for (Cart cart : carts) {
            withItems.add(new Cart(cart.cartKey(), cart.cartId(), cart.status(), cart.userIdentifier(),
                    cart.anonymousIdentifier(), cart.firstActivity(), cart.lastActivity(), cart.convertedOrderId(),
                    cart.convertedAt(), items(cart.cartKey())));
        }
        return withItems;
    }

    /** One person's orders and carts over all of the given identifiers. */
    public CommerceSummary summaryOf(Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return new CommerceSummary(0, List.of(), null, 0, 0);
        }
        List<Order> orders = jdbc.sql(SELECT_ORDER + """
                
                 where (o.user_identifier in (:ids) or o.anonymous_identifier in (:ids))
                   and o.completed_at is not null and o.status <> 'CANCELLED'""")
                .param("ids", List.copyOf(identifiers))
                .query((rs, n) -> order(rs)).list();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        Instant last = null;
        for (Order order : orders) {
            last = last == null || order.completedAt().isAfter(last) ? order.completedAt() : last;
            BigDecimal value = order.value();
            if (order.currency() == null || value == null) {
                continue;
            }
            counts.computeIfAbsent(order.currency(), c -> new long[1])[0]++;
            BigDecimal[] sum = sums.computeIfAbsent(order.currency(), c -> new BigDecimal[] {BigDecimal.ZERO,
                    BigDecimal.ZERO});
            sum[0] = sum[0].add(value);
            sum[1] = sum[1].add(order.refunded().min(value));
        }
        List<CommerceSummary.CurrencyTotals> totals = new ArrayList<>();
        sums.forEach((currency, sum) -> {
            long n = counts.get(currency)[0];
            totals.add(new CommerceSummary.CurrencyTotals(currency, n, Money.shown(sum[0], currency),
                    Money.shown(sum[1], currency), Money.shown(sum[0].subtract(sum[1]), currency),
                    sum[0].divide(BigDecimal.valueOf(n), Money.minorUnit(currency), RoundingMode.HALF_EVEN)));
        });
        long open = 0;
        long abandoned = 0;
        for (Cart cart : cartsOf(identifiers)) {
            switch (cart.status()) {
                case ACTIVE -> open++;
                case ABANDONED -> abandoned++;
                case CONVERTED -> { }
            }
        }
        return new CommerceSummary(orders.size(), totals, last, open, abandoned);
    }

    /**
     * Every completed, not cancelled order as a {@link Purchase}, ordered by person and then by completion, read as a
     * stream (for models that need whole purchase histories, such as customer lifetime value).
     */
    public void forEachPurchase(Consumer<Purchase> action) {
        purchases("(o.user_identifier is not null or o.anonymous_identifier is not null)", Map.of(), action);
    }

    /**
     * Where the shop's purchases stand: how many erasures removed orders so far, and the event log seq of the newest
     * order event applied. Purchases read after this cover every change up to {@code seq}.
     */
    public record PurchasesVersion(long erasures, long seq) {
    }

    public PurchasesVersion purchasesVersion() {
        return jdbc.sql("""
                select (select erasures from commerce_purchase_erasures where id = 1) as erasures,
                       (select coalesce(max(purchases_changed_seq), 0) from commerce_orders) as seq""")
                .query((rs, n) -> new PurchasesVersion(rs.getLong("erasures"), rs.getLong("seq"))).single();
    }

    /**
     * The people (as {@link Purchase#person()} names them) whose purchases changed after the order event {@code seq}:
     * both identifiers of every order changed since, as an order's person moves from its anonymous to its user
     * identifier when it learns the user.
     */
    public Set<String> purchasersChangedAfter(long seq) {
        Set<String> people = new HashSet<>();
        jdbc.sql("""
                select user_identifier, anonymous_identifier from commerce_orders
                where purchases_changed_seq > ?""")
                .param(seq)
                .query(rs -> {
                    Stream.of(rs.getString("user_identifier"), rs.getString("anonymous_identifier"))
                            .filter(Objects::nonNull).forEach(people::add);
                });
        return people;
    }

    /** The purchases of these people, as {@link #forEachPurchase} gives them (grouped by person, in order). */
    public void forEachPurchaseOf(Collection<String> people, Consumer<Purchase> action) {
        // A person is an order's user identifier, else its anonymous one; one indexed lookup per column.
        for (List<String> chunk : SqlLists.chunks(people)) {
            purchases("o.user_identifier in (:people)", Map.of("people", chunk), action);
            purchases("o.user_identifier is null and o.anonymous_identifier in (:people)", Map.of("people", chunk),
                    action);
        }
    }

    private void purchases(String condition, Map<String, ?> params, Consumer<Purchase> action) {
        jdbc.sql("""
                select coalesce(o.user_identifier, o.anonymous_identifier) as person, o.completed_at, o.currency,
                       o.order_value, o.refunded_sum, o.whole_refunds
                from (""" + SELECT_ORDER + """
                
                      where o.completed_at is not null and o.status <> 'CANCELLED' and\s""" + condition + """
                ) o
                order by person, o.completed_at, o.order_id""")
                .params(params)
                .query(rs -> {
                    BigDecimal value = rs.getBigDecimal("order_value");
                    BigDecimal refunded = rs.getLong("whole_refunds") > 0 ? value : rs.getBigDecimal("refunded_sum");
                    String currency = rs.getString("currency");
                    BigDecimal net = currency == null || value == null ? null
                            : value.subtract(refunded == null ? BigDecimal.ZERO : refunded.min(value));
                    action.accept(new Purchase(rs.getString("person"), Timestamps.instant(rs, "completed_at"),
                            net == null ? null : currency, net));
                });
    }

    /** The order's value: its total, else its revenue, else its subtotal; the sum of the lines as a last resort. */
    private static final String VALUE = """
            coalesce(o.total, o.revenue, o.subtotal, (select sum(l.price * l.quantity) from commerce_order_lines l
                                                      where l.order_id = o.order_id and l.price is not null))""";

    private static final String SELECT_ORDER = "select o.*, " + VALUE + " as order_value, " + """
            (select coalesce(sum(r.amount), 0) from commerce_refunds r
                         where r.order_id = o.order_id and r.whole_order = false and r.amount is not null
                           and r.currency = o.currency) as refunded_sum,
                        (select count(*) from commerce_refunds r
                         where r.order_id = o.order_id and r.whole_order = true) as whole_refunds
            from commerce_orders o""";

    private static Order order(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        BigDecimal total = rs.getBigDecimal("total");
        BigDecimal refunded = rs.getLong("whole_refunds") > 0 && total != null ? total : rs.getBigDecimal("refunded_sum");
        return new Order(rs.getString("order_id"), OrderStatus.valueOf(rs.getString("status")),
                rs.getString("user_identifier"), rs.getString("anonymous_identifier"), rs.getString("checkout_id"),
                rs.getString("affiliation"), rs.getString("coupon"), currency, Money.shown(total, currency),
                Money.shown(rs.getBigDecimal("subtotal"), currency), Money.shown(rs.getBigDecimal("revenue"), currency),
                Money.shown(rs.getBigDecimal("shipping"), currency), Money.shown(rs.getBigDecimal("tax"), currency),
                Money.shown(rs.getBigDecimal("discount"), currency),
                Money.shown(rs.getBigDecimal("order_value"), currency), Money.shown(refunded, currency),
                Timestamps.instant(rs, "placed_at"),
                Timestamps.nullableInstant(rs, "completed_at"), Timestamps.nullableInstant(rs, "cancelled_at"),
                Timestamps.instant(rs, "first_seen"), rs.getString("problem"));
    }

    private List<Order.Line> lines(Order order) {
        return jdbc.sql("select * from commerce_order_lines where order_id = ? order by line_no")
                .param(order.orderId())
                .query((rs, n) -> new Order.Line(rs.getInt("line_no"), rs.getString("product_id"), rs.getString("sku"),
                        rs.getString("name"), rs.getString("category"), rs.getString("brand"), rs.getString("variant"),
                        Money.shown(rs.getBigDecimal("price"), order.currency()), rs.getInt("quantity"),
                        rs.getString("coupon")))
                .list();
    }

    private List<Order.Refund> refunds(Order order) {
        return jdbc.sql("select * from commerce_refunds where order_id = ? order by refunded_at, message_id")
                .param(order.orderId())
                .query((rs, n) -> new Order.Refund(rs.getString("message_id"),
                        Money.shown(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("currency"),
                        rs.getBoolean("whole_order"), Timestamps.instant(rs, "refunded_at"), rs.getString("problem")))
                .list();
    }

    private List<Order.Coupon> coupons(Order order) {
        return jdbc.sql("select * from commerce_coupons where order_id = ? order by occurred_at, message_id")
                .param(order.orderId())
                .query((rs, n) -> new Order.Coupon(rs.getString("coupon_id"), rs.getString("coupon_name"),
                        rs.getString("outcome"), Money.shown(rs.getBigDecimal("discount"), rs.getString("currency")),
                        rs.getString("currency"), rs.getString("reason"), Timestamps.instant(rs, "occurred_at")))
                .list();
    }

    private List<Cart.Item> items(String cartKey) {
        Map<String, Cart.Item> items = new LinkedHashMap<>();
        jdbc.sql("""
                select product_id, quantity, price, currency from commerce_cart_events
                where cart_key = ? and product_id is not null order by occurred_at, message_id""")
                .param(cartKey)
                .query(rs -> {
                    String product = rs.getString("product_id");
                    Cart.Item before = items.get(product);
                    int quantity = (before == null ? 0 : before.quantity()) + rs.getInt("quantity");
                    BigDecimal price = rs.getBigDecimal("price");
                    items.put(product, new Cart.Item(product, quantity,
                            price != null ? Money.shown(price, rs.getString("currency"))
                                    : before == null ? null : before.price(),
                            price != null ? rs.getString("currency") : before == null ? null : before.currency()));
                });
        return items.values().stream().filter(item -> item.quantity() > 0).toList();
    }
}
