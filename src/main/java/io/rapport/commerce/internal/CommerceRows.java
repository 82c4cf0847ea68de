package io.rapport.commerce.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.rapport.platform.SqlLists;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The commerce rows one batch of events touches, held in memory while the batch is projected and then written
 * back together: rows are read in bulk before the batch ({@link #prefetch}) and, should the projector ask for one
 * that was not, one by one; everything the batch changed is written with a few JDBC batches in {@link #flush}.
 * The projector is the only writer of these tables and runs with its checkpoint locked, so nothing changes them
 * meanwhile.
 */
final class CommerceRows {

    /** Statements per JDBC batch. */
    private static final int BATCH = 1_000;
    /** Rows per insert statement ({@code values (…), (…), …}): far fewer statements for the database to run. */
    private static final int ROWS_PER_INSERT = 100;

    private static final Table PRODUCTS = new Table("commerce_products", new String[] {"product_id", "sku", "name",
            "category", "brand", "variant", "price", "currency", "url", "image_url", "first_seen", "last_seen"},
            new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE});
    private static final Table ORDERS = new Table("commerce_orders", new String[] {"order_id", "checkout_id",
            "user_identifier", "anonymous_identifier", "status", "affiliation", "coupon", "currency", "total",
            "subtotal", "revenue", "shipping", "tax", "discount", "problem", "first_seen", "details_at",
            "details_message_id", "completed_at", "cancelled_at", "placed_at", "purchases_changed_seq"},
            new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.NUMERIC, Types.NUMERIC, Types.NUMERIC, Types.NUMERIC,
                    Types.NUMERIC, Types.NUMERIC, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
    private static final Table CARTS = new Table("commerce_carts", new String[] {"cart_key", "cart_id",
            "user_identifier", "anonymous_identifier", "checkout_order_id", "status", "first_activity", "last_activity",
            "converted_order_id", "converted_at"},
            new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR,
                    Types.TIMESTAMP_WITH_TIMEZONE});
    private static final Table LINES = new Table("commerce_order_lines", new String[] {"order_id", "line_no",
            "product_id", "sku", "name", "category", "brand", "variant", "price", "quantity", "coupon"},
            new int[] {Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.NUMERIC, Types.INTEGER, Types.VARCHAR});
    private static final Table REFUNDS = new Table("commerce_refunds", new String[] {"order_id", "message_id", "amount",
            "currency", "whole_order", "refunded_at", "problem"},
            new int[] {Types.VARCHAR, Types.VARCHAR, Types.NUMERIC, Types.VARCHAR, Types.BOOLEAN,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR});
    private static final Table COUPONS = new Table("commerce_coupons", new String[] {"source_id", "message_id",
            "order_id", "cart_id", "coupon_id", "coupon_name", "outcome", "discount", "currency", "reason",
            "occurred_at"},
            new int[] {Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});
    private static final Table CART_EVENTS = new Table("commerce_cart_events", new String[] {"source_id", "message_id",
            "cart_key", "event", "product_id", "quantity", "price", "currency", "occurred_at"},
            new int[] {Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
                    Types.NUMERIC, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});
    private static final Table PROBLEMS = new Table("commerce_problems", new String[] {"source_id", "message_id",
            "event", "reason", "seen_at"},
            new int[] {Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Rows<Product> products;
    private final Rows<Order> orders;
    private final Rows<Cart> carts;
    /** Cart events ({@code source/messageId}) looked for, and those of them that are stored or added. */
    private final Set<String> cartEventsLookedFor = new HashSet<>();
    private final Set<String> cartEvents = new HashSet<>();
    private final Set<String> cartsOfUsersRead = new HashSet<>();
    private final Set<String> cartsOfAnonymousRead = new HashSet<>();
    private final Set<String> cartsOfCheckoutsRead = new HashSet<>();
    private final List<Object[]> newRefunds = new ArrayList<>();
    private final List<Object[]> newCartEvents = new ArrayList<>();
    private final List<Object[]> newCoupons = new ArrayList<>();
    /** New carts come after all stored ones, in the order they were opened, as the identity column numbers them. */
    private long nextNewCart = Long.MAX_VALUE / 2;

    CommerceRows(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.products = new Rows<>(keys -> jdbc.sql("select * from commerce_products where product_id in (:keys)")
                .param("keys", keys).query(Product::read).list(), Product::productId);
        this.orders = new Rows<>(this::readOrders, Order::orderId);
        this.carts = new Rows<>(keys -> jdbc.sql("select * from commerce_carts where cart_key in (:keys)")
                .param("keys", keys).query(Cart::read).list(), Cart::cartKey);
    }

    /** What a batch will ask for, read in bulk before it is projected. */
    record Wanted(Set<String> products, Set<String> orders, Set<String> carts, Set<String> identifiers,
            Set<String> checkouts, Set<String> cartEvents) {

        Wanted() {
            this(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        }
    }

    void prefetch(Wanted wanted) {
        products.read(wanted.products());
        orders.read(wanted.orders());
        carts.read(wanted.carts());
        readCartEvents(wanted.cartEvents());
        readOpenCartsOf(wanted.identifiers());
        readOpenCarts("checkout_order_id in (:keys)", wanted.checkouts(), cartsOfCheckoutsRead);
    }

    // ---- rows -----------------------------------------------------------------------------------------------

    /** A product by its product_id; null when there is none yet. */
    @Nullable Product product(String productId) {
        return products.get(productId);
    }

    Product newProduct(String productId, Instant at) {
        Product product = new Product(productId, null);
        product.firstSeen = at;
        product.lastSeen = at;
        products.add(productId, product);
        return product;
    }

    @Nullable Order order(String orderId) {
        return orders.get(orderId);
    }

    Order newOrder(String orderId, @Nullable String user, @Nullable String anonymous, Instant at) {
        Order order = new Order(orderId, null);
        order.status = "PENDING";
        order.user = user;
        order.anonymous = anonymous;
        order.firstSeen = at;
        orders.add(orderId, order);
        return order;
    }

    @Nullable Cart cart(String cartKey) {
        return carts.get(cartKey);
    }

    Cart newCart(String cartKey, @Nullable String cartId, @Nullable String user, @Nullable String anonymous,
            Instant at) {
        Cart cart = new Cart(cartKey, nextNewCart++, null);
        cart.cartId = cartId;
        cart.user = user;
        cart.anonymous = anonymous;
        cart.status = "ACTIVE";
        cart.firstActivity = at;
        cart.lastActivity = at;
        carts.add(cartKey, cart);
        return cart;
    }

    /** Every open cart of these identifiers (and any other carts already read). */
    Collection<Cart> cartsOf(@Nullable String user, @Nullable String anonymous) {
        List<String> identifiers = new ArrayList<>();
        if (user != null) {
            identifiers.add(user);
        }
        if (anonymous != null) {
            identifiers.add(anonymous);
        }
        readOpenCartsOf(identifiers);
        return carts.all();
    }

    /** Every open cart whose checkout named this order, of these identifiers, or with this cart id. */
    Collection<Cart> cartsToConvert(String orderId, @Nullable String cartId, @Nullable String user,
            @Nullable String anonymous) {
        readOpenCarts("checkout_order_id in (:keys)", List.of(orderId), cartsOfCheckoutsRead);
        if (cartId != null) {
            carts.get("cart:" + cartId);
        }
        return cartsOf(user, anonymous);
    }

    static String cartEventKey(UUID source, String messageId) {
        return source + "/" + messageId;
    }

    boolean cartEventSeen(UUID source, String messageId) {
        String key = cartEventKey(source, messageId);
        readCartEvents(List.of(key));
        return cartEvents.contains(key);
    }

    void addCartEvent(UUID source, String messageId, String cartKey, String event, @Nullable String productId,
            int quantity, @Nullable BigDecimal price, @Nullable String currency, Instant at) {
        cartEvents.add(cartEventKey(source, messageId));
        newCartEvents.add(new Object[] {source, messageId, cartKey, event, productId, quantity, price, currency, at});
    }

    /** A refund of the order, unless the order has one of this message already (a replay). */
    void addRefund(Order order, Refund refund, Instant refundedAt, @Nullable String problem) {
        if (order.refunds.stream().noneMatch(r -> r.messageId().equals(refund.messageId()))) {
            order.refunds.add(refund);
            newRefunds.add(new Object[] {order.orderId, refund.messageId(), refund.amount(), refund.currency(),
                    refund.wholeOrder(), refundedAt, problem});
        }
    }

    void addCoupon(UUID source, String messageId, @Nullable String orderId, @Nullable String cartId,
            @Nullable String couponId, @Nullable String couponName, String outcome, @Nullable BigDecimal discount,
            @Nullable String currency, @Nullable String reason, Instant at) {
        newCoupons.add(new Object[] {source, messageId, orderId, cartId, couponId, couponName, outcome, discount,
                currency, reason, at});
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** Writes every row the batch created or changed. */
    void flush() {
        products.write(PRODUCTS);
        orders.write(ORDERS);
        List<Object[]> lines = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Order order : orders.all()) {
            if (order.lines != null) {
                replaced.add(order.orderId);
                int lineNo = 0;
                for (CommerceProjector.LineValues line : order.lines) {
                    lines.add(new Object[] {order.orderId, ++lineNo, line.productId(), line.sku(), line.name(),
                            line.category(), line.brand(), line.variant(), line.price(), line.quantity(),
                            line.coupon()});
                }
            }
        }
        for (List<String> chunk : SqlLists.chunks(replaced)) {
            jdbc.sql("delete from commerce_order_lines where order_id in (:ids)").param("ids", chunk).update();
        }
        insert(batch, LINES, "", lines);
        insert(batch, REFUNDS, " on conflict do nothing", newRefunds);
        insert(batch, COUPONS, " on conflict do nothing", newCoupons);
        carts.write(CARTS);
        insert(batch, CART_EVENTS, "", newCartEvents);
    }

    /** Records what could not be taken from events: rows of source, messageId, event, reason, seen at. */
    static void writeProblems(JdbcTemplate batch, List<Object[]> problems) {
        insert(batch, PROBLEMS, " on conflict do nothing", problems);
    }

    /** Inserts rows in their order, {@link #ROWS_PER_INSERT} to a statement. */
    private static void insert(JdbcTemplate batch, Table table, String suffix, List<Object[]> rows) {
        int full = rows.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        List<List<Object[]>> statements = new ArrayList<>();
        for (int i = 0; i < full; i += ROWS_PER_INSERT) {
            statements.add(rows.subList(i, i + ROWS_PER_INSERT));
        }
        write(batch, table.insert(ROWS_PER_INSERT, suffix), table.types(), statements);
        if (full < rows.size()) {
            List<Object[]> rest = rows.subList(full, rows.size());
            write(batch, table.insert(rest.size(), suffix), table.types(), List.of(rest));
        }
    }

    /** Runs a statement once per element of {@code statements}, each with the values of its rows in turn. */
    private static void write(JdbcTemplate batch, String sql, int[] types, List<List<Object[]>> statements) {
        if (statements.isEmpty()) {
            return;
        }
        batch.batchUpdate(sql, statements, BATCH, (ps, rows) -> {
            int index = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    set(ps, ++index, types[i], row[i]);
                }
            }
        });
    }

    /** Typed parameters, nulls included, so no driver has to ask the database for a parameter's type. */
    private static void set(PreparedStatement ps, int index, int type, @Nullable Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, type);
            case String text -> ps.setString(index, text);
            case BigDecimal amount -> ps.setBigDecimal(index, amount);
            case Instant instant -> ps.setObject(index, Timestamps.of(instant));
            case Integer number -> ps.setInt(index, number);
            case Long number -> ps.setLong(index, number);
            case Boolean flag -> ps.setBoolean(index, flag);
            default -> ps.setObject(index, value);
        }
    }

    /** A table's columns (the key first) and their SQL types. */
    record Table(String name, String[] columns, int[] types) {

        String insert(int rows, String suffix) {
            String row = "(" + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
            return "insert into " + name + " (" + String.join(", ", columns) + ") values "
                    + String.join(", ", Collections.nCopies(rows, row)) + suffix;
        }

        String update() {
            return "update " + name + " set " + String.join(" = ?, ", Arrays.copyOfRange(columns, 1, columns.length))
                    + " = ? where " + columns[0] + " = ?";
        }

        /** A row's values, in column order, as {@link #set} writes them. */
        Object[] read(ResultSet rs) throws SQLException {
            Object[] values = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = switch (types[i]) {
                    case Types.NUMERIC -> rs.getBigDecimal(columns[i]);
                    case Types.TIMESTAMP_WITH_TIMEZONE -> Timestamps.nullableInstant(rs, columns[i]);
                    case Types.VARCHAR -> rs.getString(columns[i]);
                    case Types.BIGINT -> rs.getLong(columns[i]);
                    default -> throw new IllegalStateException("not read: " + columns[i]);
                };
            }
            return values;
        }

        /** The update's parameters: the columns after the key, then the key. */
        int[] updateTypes() {
            int[] shifted = Arrays.copyOfRange(types, 1, types.length + 1);
            shifted[types.length - 1] = types[0];
            return shifted;
        }
    }

    /** A stored or new row: its values in its table's column order, and the values it was read with. */
    abstract static class Row {
        private final Object @Nullable [] read;

        Row(Object @Nullable [] read) {
            this.read = read;
        }

        abstract Object[] values();

        boolean stored() {
            return read != null;
        }

        boolean changed() {
            return read == null || !Arrays.equals(read, values());
        }
    }

    /** Rows of one kind by key: those read, those known not to exist, and those the batch added. */
    private final class Rows<T extends Row> {
        private final Function<List<String>, List<T>> reader;
        private final Function<T, String> key;
        private final Map<String, T> rows = new LinkedHashMap<>();
        private final Set<String> absent = new HashSet<>();

        Rows(Function<List<String>, List<T>> reader, Function<T, String> key) {
            this.reader = reader;
            this.key = key;
        }

        void read(Collection<String> keys) {
            Set<String> unknown = new LinkedHashSet<>();
            for (String k : keys) {
                if (!rows.containsKey(k) && !absent.contains(k)) {
                    unknown.add(k);
                }
            }
            for (List<String> chunk : SqlLists.chunks(unknown)) {
                for (T row : reader.apply(chunk)) {
                    rows.putIfAbsent(key.apply(row), row);
                }
            }
            for (String k : unknown) {
                if (!rows.containsKey(k)) {
                    absent.add(k);
                }
            }
        }

        @Nullable T get(String k) {
            if (!rows.containsKey(k) && !absent.contains(k)) {
                read(List.of(k));
            }
            return rows.get(k);
        }

        void add(String k, T row) {
            absent.remove(k);
            rows.put(k, row);
        }

        /** A row read by another query, unless the batch already holds it (then the batch's is newer). */
        void offer(String k, T row) {
            if (!rows.containsKey(k)) {
                absent.remove(k);
                rows.put(k, row);
            }
        }

        Collection<T> all() {
            return rows.values();
        }

        /** Inserts the new rows (in the order they were added) and updates the changed ones. */
        void write(Table table) {
            List<Object[]> inserts = new ArrayList<>();
            List<List<Object[]>> updates = new ArrayList<>();
            for (T row : rows.values()) {
                if (!row.stored()) {
                    inserts.add(row.values());
                } else if (row.changed()) {
                    Object[] values = row.values();
                    Object[] shifted = Arrays.copyOfRange(values, 1, values.length + 1);
                    shifted[values.length - 1] = values[0];
                    updates.add(List.<Object[]>of(shifted));
                }
            }
            insert(batch, table, "", inserts);
            CommerceRows.write(batch, table.update(), table.updateTypes(), updates);
        }
    }

    private List<Order> readOrders(List<String> orderIds) {
        List<Order> read = jdbc.sql("select * from commerce_orders where order_id in (:keys)").param("keys", orderIds)
                .query(Order::read).list();
        Map<String, Order> byId = new HashMap<>();
        read.forEach(order -> byId.put(order.orderId, order));
        jdbc.sql("select * from commerce_refunds where order_id in (:keys) order by refunded_at, message_id")
                .param("keys", orderIds)
                .query(rs -> {
                    Order order = byId.get(rs.getString("order_id"));
                    if (order != null) {
                        order.refunds.add(new Refund(rs.getString("message_id"), rs.getBigDecimal("amount"),
                                rs.getString("currency"), rs.getBoolean("whole_order")));
                    }
                });
        return read;
    }

    private void readCartEvents(Collection<String> keys) {
        List<String> unread = keys.stream().filter(cartEventsLookedFor::add).toList();
        // A key is a source id (a UUID, 36 characters), a slash and the message id.
        List<String> messageIds = unread.stream().map(key -> key.substring(37)).distinct().toList();
        for (List<String> chunk : SqlLists.chunks(messageIds)) {
            jdbc.sql("select source_id, message_id from commerce_cart_events where message_id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        String key = cartEventKey(rs.getObject("source_id", UUID.class), rs.getString("message_id"));
                        if (cartEventsLookedFor.contains(key)) {
                            cartEvents.add(key);
                        }
                    });
        }
    }

    private void readOpenCartsOf(Collection<String> identifiers) {
        // One query per column: H2 scans the table for "a in (…) or b in (…)" instead of using both indexes.
        readOpenCarts("user_identifier in (:keys)", identifiers, cartsOfUsersRead);
        readOpenCarts("anonymous_identifier in (:keys)", identifiers, cartsOfAnonymousRead);
    }

    private void readOpenCarts(String condition, Collection<String> values, Set<String> alreadyRead) {
        List<String> unread = values.stream().filter(v -> !alreadyRead.contains(v)).distinct().toList();
        for (List<String> chunk : SqlLists.chunks(unread)) {
            jdbc.sql("select * from commerce_carts where status = 'ACTIVE' and (" + condition + ")")
                    .param("keys", chunk).query(Cart::read).list()
                    .forEach(cart -> carts.offer(cart.cartKey, cart));
        }
        alreadyRead.addAll(unread);
    }

    // ---- the rows -------------------------------------------------------------------------------------------

    static final class Product extends Row {
        final String productId;
        @Nullable String sku;
        @Nullable String name;
        @Nullable String category;
        @Nullable String brand;
        @Nullable String variant;
        @Nullable BigDecimal price;
        @Nullable String currency;
        @Nullable String url;
        @Nullable String imageUrl;
        Instant firstSeen = Instant.EPOCH;
        Instant lastSeen = Instant.EPOCH;

        Product(String productId, Object @Nullable [] read) {
            super(read);
            this.productId = productId;
        }

        String productId() {
            return productId;
        }

        @Override
        Object[] values() {
            return new Object[] {productId, sku, name, category, brand, variant, price, currency, url, imageUrl,
                    firstSeen, lastSeen};
        }

        static Product read(ResultSet rs, int n) throws SQLException {
            Object[] values = PRODUCTS.read(rs);
            Product product = new Product((String) values[0], values);
            product.sku = (String) values[1];
            product.name = (String) values[2];
            product.category = (String) values[3];
            product.brand = (String) values[4];
            product.variant = (String) values[5];
            product.price = (BigDecimal) values[6];
            product.currency = (String) values[7];
            product.url = (String) values[8];
            product.imageUrl = (String) values[9];
            product.firstSeen = (Instant) values[10];
            product.lastSeen = (Instant) values[11];
            return product;
        }
    }

    static final class Order extends Row {
        final String orderId;
        @Nullable String checkoutId;
        @Nullable String user;
        @Nullable String anonymous;
        String status = "PENDING";
        @Nullable String affiliation;
        @Nullable String coupon;
        @Nullable String currency;
        @Nullable BigDecimal total;
        @Nullable BigDecimal subtotal;
        @Nullable BigDecimal revenue;
        @Nullable BigDecimal shipping;
        @Nullable BigDecimal tax;
        @Nullable BigDecimal discount;
        @Nullable String problem;
        Instant firstSeen = Instant.EPOCH;
        @Nullable Instant detailsAt;
        @Nullable String detailsMessageId;
        @Nullable Instant completedAt;
        @Nullable Instant cancelledAt;
        /** The seq of the newest order event applied to the order (see V23). */
        long purchasesChangedSeq;
        final List<Refund> refunds = new ArrayList<>();
        /** The order's new lines, when an event replaced them. */
        @Nullable List<CommerceProjector.LineValues> lines;

        Order(String orderId, Object @Nullable [] read) {
            super(read);
            this.orderId = orderId;
        }

        String orderId() {
            return orderId;
        }

        @Override
        Object[] values() {
            return new Object[] {orderId, checkoutId, user, anonymous, status, affiliation, coupon, currency, total,
                    subtotal, revenue, shipping, tax, discount, problem, firstSeen, detailsAt, detailsMessageId,
                    completedAt, cancelledAt, completedAt != null ? completedAt : firstSeen, purchasesChangedSeq};
        }

        static Order read(ResultSet rs, int n) throws SQLException {
            Object[] values = ORDERS.read(rs);
            Order order = new Order((String) values[0], values);
            order.checkoutId = (String) values[1];
            order.user = (String) values[2];
            order.anonymous = (String) values[3];
            order.status = (String) values[4];
            order.affiliation = (String) values[5];
            order.coupon = (String) values[6];
            order.currency = (String) values[7];
            order.total = (BigDecimal) values[8];
            order.subtotal = (BigDecimal) values[9];
            order.revenue = (BigDecimal) values[10];
            order.shipping = (BigDecimal) values[11];
            order.tax = (BigDecimal) values[12];
            order.discount = (BigDecimal) values[13];
            order.problem = (String) values[14];
            order.firstSeen = (Instant) values[15];
            order.detailsAt = (Instant) values[16];
            order.detailsMessageId = (String) values[17];
            order.completedAt = (Instant) values[18];
            order.cancelledAt = (Instant) values[19];
            order.purchasesChangedSeq = (Long) values[21];
            return order;
        }
    }

    /** One Order Refunded event of an order: what its status is computed from. A stored refund never changes. */
    record Refund(String messageId, @Nullable BigDecimal amount, @Nullable String currency, boolean wholeOrder) {
    }

    static final class Cart extends Row {
        final String cartKey;
        /** Orders carts like the identity column does: stored ids, then new carts in the order they were opened. */
        final long position;
        @Nullable String cartId;
        @Nullable String user;
        @Nullable String anonymous;
        @Nullable String checkoutOrderId;
        String status = "ACTIVE";
        Instant firstActivity = Instant.EPOCH;
        Instant lastActivity = Instant.EPOCH;
        @Nullable String convertedOrderId;
        @Nullable Instant convertedAt;

        Cart(String cartKey, long position, Object @Nullable [] read) {
            super(read);
            this.cartKey = cartKey;
            this.position = position;
        }

        String cartKey() {
            return cartKey;
        }

        @Override
        Object[] values() {
            return new Object[] {cartKey, cartId, user, anonymous, checkoutOrderId, status, firstActivity,
                    lastActivity, convertedOrderId, convertedAt};
        }

        static Cart read(ResultSet rs, int n) throws SQLException {
            Object[] values = CARTS.read(rs);
            Cart cart = new Cart((String) values[0], rs.getLong("id"), values);
            cart.cartId = (String) values[1];
            cart.user = (String) values[2];
            cart.anonymous = (String) values[3];
            cart.checkoutOrderId = (String) values[4];
            cart.status = (String) values[5];
            cart.firstActivity = (Instant) values[6];
            cart.lastActivity = (Instant) values[7];
            cart.convertedOrderId = (String) values[8];
            cart.convertedAt = (Instant) values[9];
            return cart;
        }
    }
}
