package io.rapport.collect.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;

import io.rapport.collect.Imports;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Olist "Brazilian E-Commerce Public Dataset" (Kaggle, CC BY-NC-SA 4.0): a zip archive of its relational CSV
 * files, joined by {@code order_id}. Each order becomes an {@code Order Completed} at its purchase time (with its
 * items as products, its freight as shipping and its payments) followed by its milestones, each person-per-order
 * record an {@code identify} of the person ({@code customer_unique_id}) with the address given for that order, and
 * each review a {@code Product Reviewed}. Olist's times are local times in São Paulo. Customers, items and payments
 * are held in memory until their order has been read (at most {@value #MAX_HELD_ROWS} rows); orders and reviews
 * stream. See docs/imports.md.
 */
final class OlistMapping implements ImportMapping {

    static final String NAME = Imports.OLIST;
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /**
     * Customers, items, payments and orders held for the join, at about 400 bytes each: the full data set has about
     * 415,000 (a peak of about 160 MB), so the limit keeps one import under about 250 MB.
     */
    static final int MAX_HELD_ROWS = 600_000;
    static final Set<String> STATUSES = Set.of("created", "approved", "invoiced", "processing", "shipped",
            "delivered", "canceled", "unavailable");
    private static final Set<String> CANCELLED = Set.of("canceled", "unavailable");
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T')
            .optionalEnd().appendPattern("HH:mm[:ss]").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** The files, in the order they are read and their rows numbered. */
    enum Table {
        TRANSLATIONS("product_category_name_translation.csv", false, "product_category_name",
                "product_category_name_english"),
        PRODUCTS("olist_products_dataset.csv", false, "product_id", "product_category_name"),
        CUSTOMERS("olist_customers_dataset.csv", true, "customer_id", "customer_unique_id", "customer_zip_code_prefix",
                "customer_city", "customer_state"),
        ITEMS("olist_order_items_dataset.csv", true, "order_id", "order_item_id", "product_id", "seller_id", "price",
                "freight_value"),
        PAYMENTS("olist_order_payments_dataset.csv", false, "order_id", "payment_sequential", "payment_type",
                "payment_installments", "payment_value"),
        ORDERS("olist_orders_dataset.csv", true, "order_id", "customer_id", "order_status", "order_purchase_timestamp",
                "order_approved_at", "order_delivered_carrier_date", "order_delivered_customer_date",
                "order_estimated_delivery_date"),
        REVIEWS("olist_order_reviews_dataset.csv", false, "review_id", "order_id", "review_score",
                "review_comment_title", "review_comment_message", "review_creation_date", "review_answer_timestamp");

        final String file;
        final boolean required;
        final List<String> columns;

        Table(String file, boolean required, String... columns) {
            this.file = file;
            this.required = required;
            this.columns = List.of(columns);
        }

        boolean held() {
            return this == CUSTOMERS || this == ITEMS || this == PAYMENTS || this == ORDERS;
        }
    }

    private final JsonMapper json;

    OlistMapping(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Path file, ImportSink sink) throws IOException {
        try (ImportArchive archive = ImportArchive.open(file, NAME)) {
            Map<String, ZipEntry> byName = archive.find(Arrays.stream(Table.values()).map(t -> t.file).toList());
            List<String> missing = Arrays.stream(Table.values()).filter(t -> t.required && !byName.containsKey(t.file))
                    .map(t -> t.file).toList();
            if (!missing.isEmpty()) {
                throw new Unusable("The zip archive has no " + String.join(", no ", missing) + "; the " + NAME
                        + " mapping needs olist_orders_dataset.csv, olist_order_items_dataset.csv and "
                        + "olist_customers_dataset.csv (payments, reviews, products and category translations are "
                        + "optional).");
            }
            Map<Table, ZipEntry> entries = new EnumMap<>(Table.class);
            for (Table table : Table.values()) {
                ZipEntry entry = byName.get(table.file);
                if (entry != null) {
                    entries.put(table, entry);
                }
            }
            new Join(archive, entries, sink).run();
        }
    }

    /** A row's values by column name, stripped. */
    private record Fields(CSVRecord record, Map<String, Integer> columns) {

        String get(String column) {
            return record.get(columns.get(column)).strip();
        }
    }

    private interface RowHandler {

        /** Takes the row; the reason it is rejected, if it is. */
        @Nullable String row(Fields fields, ImportSink.Row row);
    }

    private static final class Customer {
        final ImportSink.Row row;
        final String uniqueId;
        final String zip;
        final String city;
        final String state;
        /** Its identify was emitted (whether or not it could be stored): the row is accounted for. */
        boolean emitted;
        /** An order of this customer that was rejected before the customer was emitted. */
        @Nullable String orderRejected;

        Customer(ImportSink.Row row, String uniqueId, String zip, String city, String state) {
            this.row = row;
            this.uniqueId = uniqueId;
            this.zip = zip;
            this.city = city;
            this.state = state;
        }
    }

    /** A row of an order's items or payments, numbered within the order. */
    private interface OfOrder {

        ImportSink.Row row();

        int number();
    }

    /** {@code number} is the {@code order_item_id}. */
    private record Item(ImportSink.Row row, int number, String productId, String sellerId, BigDecimal price,
            BigDecimal freight) implements OfOrder {
    }

    /** {@code number} is the {@code payment_sequential}. */
    private record Payment(ImportSink.Row row, int number, String type, int installments, BigDecimal value)
            implements OfOrder {
    }

    /** What became of an order, for the rows that refer to it. */
    private sealed interface Outcome {
    }

    private record Imported(long fileRow, String userId, @Nullable String productId) implements Outcome {
    }

    private record Rejected(long fileRow) implements Outcome {
    }

    private record Milestones(Instant purchased, @Nullable Instant approved, @Nullable Instant shipped,
            @Nullable Instant delivered, @Nullable Instant estimated) {
    }

    /** One run over one archive: the tables read in order, the held rows joined to their orders. */
    private final class Join {

        private final ImportArchive archive;
        private final Map<Table, ZipEntry> entries;
        private final ImportSink sink;
        private final Map<Table, Long> offsets = new EnumMap<>(Table.class);
        private final Map<String, String> translations = new HashMap<>();
        /** Category of each product, in English where a translation is known. */
        private final Map<String, @Nullable String> categories = new HashMap<>();
        private final Map<String, Customer> customers = new HashMap<>();
        private final Map<String, List<Item>> items = new HashMap<>();
        private final Map<String, List<Payment>> payments = new HashMap<>();
        private final Map<String, Outcome> orders = new HashMap<>();
        private final Set<String> reviews = new HashSet<>();

        Join(ImportArchive archive, Map<Table, ZipEntry> entries, ImportSink sink) {
            this.archive = archive;
            this.entries = entries;
            this.sink = sink;
        }

        void run() throws IOException {
            count();
            read(Table.TRANSLATIONS, this::translation);
            read(Table.PRODUCTS, this::product);
            read(Table.CUSTOMERS, this::customer);
            read(Table.ITEMS, this::item);
            read(Table.PAYMENTS, this::payment);
            read(Table.ORDERS, this::order);
            rejectUnjoined();
            read(Table.REVIEWS, this::review);
        }

        /** The first pass: headers checked, rows counted (rows of reviews can span lines), the join's size checked. */
        private void count() throws IOException {
            long total = 0;
            long held = 0;
            for (Map.Entry<Table, ZipEntry> entry : entries.entrySet()) {
                Table table = entry.getKey();
                offsets.put(table, total);
                long rows = 0;
                try (BufferedReader reader = archive.reader(entry.getValue());
                        CSVParser csv = ImportFiles.CSV.parse(reader)) {
                    columns(table, csv.getHeaderNames());
                    for (CSVRecord ignored : csv) {
                        rows++;
                    }
                } catch (UncheckedIOException e) {
                    throw new Unusable(table.file + " is not readable as CSV: " + e.getCause().getMessage());
                } catch (IllegalArgumentException e) {
                    throw new Unusable(table.file + " has a header Rapport cannot use: " + e.getMessage());
                }
                total += rows;
                if (table.held()) {
                    held += rows;
                }
            }
            if (held > MAX_HELD_ROWS) {
                throw new Unusable("The archive's customers, orders, items and payments have " + held + " rows; one "
                        + NAME + " import joins at most " + MAX_HELD_ROWS + ". Split the data by order.");
            }
            sink.total(total);
        }

        private Map<String, Integer> columns(Table table, List<String> header) {
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).replace("\uFEFF", "").strip(), i);
            }
            List<String> absent = table.columns.stream().filter(c -> !columns.containsKey(c)).toList();
            if (!absent.isEmpty()) {
                throw new Unusable(table.file + " has no column " + String.join(", ", absent) + "; its header is "
                        + String.join(",", header) + ".");
            }
            return columns;
        }

        private void read(Table table, RowHandler handler) throws IOException {
            ZipEntry entry = entries.get(table);
            if (entry == null) {
                return;
            }
            long offset = offsets.get(table);
            try (BufferedReader reader = archive.reader(entry); CSVParser csv = ImportFiles.CSV.parse(reader)) {
                Map<String, Integer> columns = columns(table, csv.getHeaderNames());
                int width = csv.getHeaderNames().size();
                for (CSVRecord record : csv) {
                    sink.read(1);
                    ImportSink.Row row = new ImportSink.Row(offset + record.getRecordNumber(), ImportFiles.line(record),
                            table.file, record.getRecordNumber());
                    String reason;
                    if (record.size() != width) {
                        reason = "The line has " + record.size() + " columns; the header has " + width + ".";
                    } else {
                        try {
                            reason = handler.row(new Fields(record, columns), row);
                        } catch (BadValue bad) {
                            reason = bad.getMessage();
                        }
                    }
                    if (reason != null) {
                        sink.reject(row, reason);
                    }
                }
            }
        }

        // ---- lookups ----------------------------------------------------------------------------------------

        private @Nullable String translation(Fields fields, ImportSink.Row row) {
            String portuguese = required(fields, "product_category_name");
            String english = required(fields, "product_category_name_english");
            if (translations.putIfAbsent(portuguese, english) != null) {
                return "The category " + portuguese + " is translated twice; the first translation is used.";
            }
            sink.lookup(1);
            return null;
        }

        private @Nullable String product(Fields fields, ImportSink.Row row) {
            String productId = required(fields, "product_id");
            if (categories.containsKey(productId)) {
                return "product_id " + productId + " appears twice; its first row is used.";
            }
            String category = fields.get("product_category_name");
            categories.put(productId, category.isEmpty() ? null : translations.getOrDefault(category, category));
            sink.lookup(1);
            return null;
        }

        // ---- held rows --------------------------------------------------------------------------------------

        private @Nullable String customer(Fields fields, ImportSink.Row row) {
            String customerId = required(fields, "customer_id");
            String uniqueId = required(fields, "customer_unique_id");
            Customer first = customers.get(customerId);
            if (first != null) {
                return "customer_id " + customerId + " appears twice; its first row (" + first.row.fileRow()
                        + ") is used.";
            }
            customers.put(customerId, new Customer(row, uniqueId, fields.get("customer_zip_code_prefix"),
                    fields.get("customer_city"), fields.get("customer_state")));
            return null;
        }

        private @Nullable String item(Fields fields, ImportSink.Row row) {
            String orderId = required(fields, "order_id");
            int itemId = whole(fields, "order_item_id", 1);
            String productId = required(fields, "product_id");
            BigDecimal price = amount(fields, "price");
            BigDecimal freight = amount(fields, "freight_value");
            return hold(items, orderId, new Item(row, itemId, productId, fields.get("seller_id"), price, freight),
                    "Item");
        }

        private @Nullable String payment(Fields fields, ImportSink.Row row) {
            String orderId = required(fields, "order_id");
            int sequential = whole(fields, "payment_sequential", 1);
            String type = required(fields, "payment_type");
            int installments = whole(fields, "payment_installments", 0);
            BigDecimal value = amount(fields, "payment_value");
            return hold(payments, orderId, new Payment(row, sequential, type, installments, value), "Payment");
        }

        /** Holds the row for its order; the reason it is rejected when the order has one of its number already. */
        private <T extends OfOrder> @Nullable String hold(Map<String, List<T>> held, String orderId, T row,
                String what) {
            List<T> ofOrder = held.computeIfAbsent(orderId, k -> new ArrayList<>(2));
            for (T other : ofOrder) {
                if (other.number() == row.number()) {
                    return what + " " + row.number() + " of order " + orderId + " appears twice; its first row ("
                            + other.row().fileRow() + ") is used.";
                }
            }
            ofOrder.add(row);
            return null;
        }

        // ---- orders, joined and emitted --------------------------------------------------------------------

        private @Nullable String order(Fields fields, ImportSink.Row row) {
            String orderId = required(fields, "order_id");
            Outcome first = orders.get(orderId);
            if (first != null) {
                return "order_id " + orderId + " appears twice; its first row (" + fileRow(first) + ") is used.";
            }
            orders.put(orderId, new Rejected(row.fileRow()));
            String customerId = required(fields, "customer_id");
            Customer customer = customers.get(customerId);
            String status = fields.get("order_status");
            Milestones times;
            try {
                if (!STATUSES.contains(status)) {
                    throw new BadValue("order_status '" + status + "' is not one of Olist's ("
                            + String.join(", ", STATUSES.stream().sorted().toList()) + ").");
                }
                times = new Milestones(time(fields, "order_purchase_timestamp"),
                        optionalTime(fields, "order_approved_at"), optionalTime(fields, "order_delivered_carrier_date"),
                        optionalTime(fields, "order_delivered_customer_date"),
                        optionalTime(fields, "order_estimated_delivery_date"));
            } catch (BadValue bad) {
                if (customer != null && !customer.emitted) {
                    customer.orderRejected = orderId;
                }
                throw bad;
            }
            if (customer == null) {
                return "customer_id " + customerId + " is not in " + Table.CUSTOMERS.file + ".";
            }
            if (!customer.emitted) {
                sink.emit(identify(customerId, customer, times.purchased()), List.of(customer.row));
                customer.emitted = true;
            }
            List<Item> ofOrder = Objects.requireNonNullElse(items.remove(orderId), List.of());
            List<Payment> paid = Objects.requireNonNullElse(payments.remove(orderId), List.of());
            List<ImportSink.Row> rows = new ArrayList<>(1 + ofOrder.size() + paid.size());
            rows.add(row);
            ofOrder.forEach(item -> rows.add(item.row()));
            paid.forEach(payment -> rows.add(payment.row()));
            if (sink.emit(orderMessages(orderId, status, times, customer.uniqueId, ofOrder, paid, categories), rows)) {
                Set<String> products = new HashSet<>();
                ofOrder.forEach(item -> products.add(item.productId()));
                orders.put(orderId, new Imported(row.fileRow(), customer.uniqueId,
                        products.size() == 1 ? products.iterator().next() : null));
            }
            return null;
        }

        private long fileRow(Outcome outcome) {
            return switch (outcome) {
                case Imported imported -> imported.fileRow();
                case Rejected rejected -> rejected.fileRow();
            };
        }

        /** Why a row of another file that refers to this order cannot be imported. */
        private String orderProblem(String orderId) {
            Outcome outcome = orders.get(orderId);
            return outcome == null ? "order_id " + orderId + " is not in " + Table.ORDERS.file + "."
                    : "Its order " + orderId + " (" + Table.ORDERS.file + " row " + fileRow(outcome)
                            + ") was rejected.";
        }

        /** Held rows that no imported order took: customers without an order, items and payments of none. */
        private void rejectUnjoined() {
            items.forEach((orderId, list) -> list.forEach(item -> sink.reject(item.row(), orderProblem(orderId))));
            payments.forEach((orderId, list) -> list.forEach(p -> sink.reject(p.row(), orderProblem(orderId))));
            customers.forEach((customerId, customer) -> {
                if (!customer.emitted) {
                    sink.reject(customer.row, customer.orderRejected != null ? orderProblem(customer.orderRejected)
                            : "No order in " + Table.ORDERS.file + " has customer_id " + customerId
                                    + ", so there is no time to give the address.");
                }
            });
            items.clear();
            payments.clear();
            customers.clear();
        }

        // ---- reviews ----------------------------------------------------------------------------------------

        private @Nullable String review(Fields fields, ImportSink.Row row) {
            String reviewId = required(fields, "review_id");
            String orderId = required(fields, "order_id");
            int rating = whole(fields, "review_score", 1);
            if (rating > 5) {
                return "review_score " + rating + " is not from 1 to 5.";
            }
            Instant sent = time(fields, "review_creation_date");
            Instant answered = optionalTime(fields, "review_answer_timestamp");
            if (!(orders.get(orderId) instanceof Imported order)) {
                return orderProblem(orderId);
            }
            if (!reviews.add(reviewId + ' ' + orderId)) {
                return "Review " + reviewId + " of order " + orderId + " appears twice; its first row is used.";
            }
            ObjectNode message = track("review:" + reviewId + ":" + orderId, "Product Reviewed", order.userId(),
                    answered != null ? answered : sent);
            ObjectNode properties = (ObjectNode) message.get("properties");
            properties.put("review_id", reviewId);
            properties.put("order_id", orderId);
            if (order.productId() != null) {
                properties.put("product_id", order.productId());
            }
            properties.put("rating", rating);
            putText(properties, "review_title", fields.get("review_comment_title"));
            putText(properties, "review_body", fields.get("review_comment_message"));
            properties.put("survey_sent_at", sent.toString());
            sink.emit(message, List.of(row));
            return null;
        }
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    private ObjectNode identify(String customerId, Customer customer, Instant at) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "identify");
        message.put("messageId", "import:" + NAME + ":customer:" + customerId);
        message.put("userId", customer.uniqueId);
        message.put("timestamp", at.toString());
        ObjectNode address = message.putObject("traits").putObject("address");
        putText(address, "city", customer.city);
        putText(address, "state", customer.state);
        putText(address, "postalCode", customer.zip);
        address.put("country", "BR");
        message.putObject("context").putArray("externalIds").addObject().put("id", customerId)
                .put("type", "olist_customer_id").put("collection", "users").put("encoding", "none");
        return message;
    }

    private List<ObjectNode> orderMessages(String orderId, String status, Milestones times, String userId,
            List<Item> items, List<Payment> payments, Map<String, @Nullable String> categories) {
        List<ObjectNode> messages = new ArrayList<>();
        ObjectNode completed = order(orderId, "Order Completed", "", userId, times.purchased());
        ObjectNode properties = (ObjectNode) completed.get("properties");
        properties.put("status", status);
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        Map<String, ObjectNode> lines = new LinkedHashMap<>();
        for (Item item : items.stream().sorted(Comparator.comparingInt(Item::number)).toList()) {
            revenue = revenue.add(item.price());
            shipping = shipping.add(item.freight());
            String key = item.productId() + ' ' + item.sellerId() + ' ' + item.price().stripTrailingZeros().toPlainString();
            ObjectNode line = lines.get(key);
            if (line != null) {
                line.put("quantity", line.get("quantity").asInt() + 1);
                continue;
            }
            line = json.createObjectNode();
            line.put("product_id", item.productId());
            line.put("sku", item.productId());
            putText(line, "category", categories.get(item.productId()));
            putText(line, "seller_id", item.sellerId());
            line.put("price", item.price());
            line.put("quantity", 1);
            lines.put(key, line);
        }
        properties.put("revenue", revenue);
        properties.put("shipping", shipping);
        properties.put("total", revenue.add(shipping));
        properties.put("currency", "BRL");
        ArrayNode products = properties.putArray("products");
        lines.values().forEach(products::add);
        if (!payments.isEmpty()) {
            List<Payment> sorted = payments.stream().sorted(Comparator.comparingInt(Payment::number)).toList();
            Payment largest = sorted.stream().max(Comparator.comparing(Payment::value)
                    .thenComparing(Payment::number, Comparator.reverseOrder())).orElseThrow();
            properties.put("payment_method", largest.type());
            ArrayNode paid = properties.putArray("payments");
            for (Payment payment : sorted) {
                paid.addObject().put("sequential", payment.number()).put("type", payment.type())
                        .put("installments", payment.installments()).put("value", payment.value());
            }
        }
        if (times.estimated() != null) {
            properties.put("estimated_delivery_at", times.estimated().toString());
        }
        messages.add(completed);
        if (times.approved() != null) {
            messages.add(order(orderId, "Order Approved", ":approved", userId, times.approved()));
        }
        if (times.shipped() != null) {
            messages.add(order(orderId, "Order Shipped", ":shipped", userId, times.shipped()));
        }
        if (times.delivered() != null) {
            ObjectNode delivered = order(orderId, "Order Delivered", ":delivered", userId, times.delivered());
            if (times.estimated() != null) {
                ((ObjectNode) delivered.get("properties")).put("estimated_delivery_at", times.estimated().toString());
            }
            messages.add(delivered);
        }
        if (CANCELLED.contains(status)) {
            // Olist does not say when an order was cancelled: the last time it records for the order stands in.
            Instant last = times.purchased();
            for (Instant at : Arrays.asList(times.approved(), times.shipped(), times.delivered())) {
                if (at != null && at.isAfter(last)) {
                    last = at;
                }
            }
            ObjectNode cancelled = order(orderId, "Order Cancelled", ":cancelled", userId, last);
            ((ObjectNode) cancelled.get("properties")).put("status", status);
            messages.add(cancelled);
        }
        return messages;
    }

    private ObjectNode order(String orderId, String event, String suffix, String userId, Instant at) {
        ObjectNode message = track("order:" + orderId + suffix, event, userId, at);
        ((ObjectNode) message.get("properties")).put("order_id", orderId);
        return message;
    }

    private ObjectNode track(String key, String event, String userId, Instant at) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "track");
        message.put("messageId", "import:" + NAME + ":" + key);
        message.put("event", event);
        message.put("userId", userId);
        message.put("timestamp", at.toString());
        message.putObject("properties");
        return message;
    }

    private static void putText(ObjectNode node, String field, @Nullable String text) {
        if (text != null && !text.isEmpty()) {
            node.put(field, text);
        }
    }

    // ---- values -----------------------------------------------------------------------------------------------

    private static String required(Fields fields, String column) {
        String value = fields.get(column);
        if (value.isEmpty()) {
            throw new BadValue(column + " is empty.");
        }
        return value;
    }

    private static int whole(Fields fields, String column, int min) {
        String text = fields.get(column);
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValue(column + " '" + text + "' is not a whole number of at least " + min + ".");
    }

    private static BigDecimal amount(Fields fields, String column) {
        String text = fields.get(column);
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadValue(column + " '" + text + "' is not a number.");
        }
        if (value.signum() < 0) {
            throw new BadValue(column + " " + text + " is negative.");
        }
        return value;
    }

    private static @Nullable Instant optionalTime(Fields fields, String column) {
        return fields.get(column).isEmpty() ? null : time(fields, column);
    }

    /** A local time in São Paulo as an instant; a time in a daylight-saving gap is moved forward by the gap. */
    private static Instant time(Fields fields, String column) {
        String text = required(fields, column);
        try {
            return LocalDateTime.parse(text, DATE_TIME).atZone(SAO_PAULO).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadValue(column + " '" + text + "' is not a date-time such as 2017-10-02 10:56:33.");
        }
    }
}
