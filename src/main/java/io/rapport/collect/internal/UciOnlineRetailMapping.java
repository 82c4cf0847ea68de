package io.rapport.collect.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The UCI Online Retail data set (Chen, Sain and Guo 2012; CC BY 4.0): one {@code Order Completed} per invoice
 * with its lines as products, in GBP, at the invoice date read as UTC. Invoices starting with {@code C} are
 * cancellations (credit notes): an {@code Order Refunded} of their own number, since the data does not say which
 * invoice they cancel. A file is read twice: first to count each invoice's lines, then to emit an invoice as soon
 * as its last line has been read, so invoices need not be contiguous and memory holds only the open ones.
 */
final class UciOnlineRetailMapping implements ImportMapping {

    static final String NAME = "uci-online-retail";
    static final List<String> COLUMNS = List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
            "UnitPrice", "CustomerID", "Country");
    private static final DateTimeFormatter ISO_LIKE = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]");
    /** The original spreadsheet's format when saved as CSV. */
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/yyyy H:mm[:ss]");

    private final JsonMapper json;

    UciOnlineRetailMapping(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    private static final class Invoice {
        final List<ImportSink.Row> rows = new ArrayList<>();
        final List<ObjectNode> products = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        @Nullable LocalDateTime date;
        @Nullable String customer;
        @Nullable String country;
        int remaining;
    }

    @Override
    public void run(Path file, ImportSink sink) throws IOException {
        Map<String, Invoice> invoices = new HashMap<>();
        long total = 0;
        try (BufferedReader reader = ImportFiles.open(file); CSVParser csv = ImportFiles.CSV.parse(reader)) {
            checkHeader(csv.getHeaderNames());
            for (CSVRecord record : csv) {
                total++;
                String invoice = record.size() > 0 ? record.get(0).strip() : "";
                if (!invoice.isEmpty()) {
                    invoices.computeIfAbsent(invoice, k -> new Invoice()).remaining++;
                }
            }
        }
        sink.total(total);
        try (BufferedReader reader = ImportFiles.open(file); CSVParser csv = ImportFiles.CSV.parse(reader)) {
            for (CSVRecord record : csv) {
                sink.read(1);
                ImportSink.Row row = new ImportSink.Row(record.getRecordNumber(), ImportFiles.line(record));
                String number = record.size() > 0 ? record.get(0).strip() : "";
                Invoice invoice = invoices.get(number);
                if (invoice == null) {
                    sink.reject(row, "InvoiceNo is empty.");
                    continue;
                }
                String reason = addLine(number, invoice, record, row);
                if (reason != null) {
                    sink.reject(row, reason);
                }
                if (--invoice.remaining == 0) {
                    invoices.remove(number);
                    if (!invoice.products.isEmpty()) {
                        sink.emit(message(number, invoice), invoice.rows);
                    }
                }
            }
        }
    }

    private static void checkHeader(List<String> header) {
        List<String> stripped = header.stream().map(String::strip).toList();
        if (!stripped.equals(COLUMNS)) {
            throw new Unusable("The file's header is " + String.join(",", stripped) + "; the " + NAME
                    + " mapping needs " + String.join(",", COLUMNS) + ".");
        }
    }

    /** Adds a line to its invoice; the reason it cannot, if it cannot. */
    private @Nullable String addLine(String number, Invoice invoice, CSVRecord record, ImportSink.Row row) {
        if (record.size() != COLUMNS.size()) {
            return "The line has " + record.size() + " columns; the " + NAME + " mapping needs " + COLUMNS.size() + ".";
        }
        boolean cancellation = number.startsWith("C");
        int quantity;
        try {
            quantity = Integer.parseInt(record.get(3).strip());
        } catch (NumberFormatException e) {
            return "Quantity '" + record.get(3) + "' is not a whole number.";
        }
        LocalDateTime date = date(record.get(4).strip());
        if (date == null) {
            return "InvoiceDate '" + record.get(4) + "' is not a date-time such as 2010-12-01 08:26:00.";
        }
        BigDecimal price;
        try {
            price = new BigDecimal(record.get(5).strip());
        } catch (NumberFormatException e) {
            return "UnitPrice '" + record.get(5) + "' is not a number.";
        }
        if (price.signum() < 0) {
            return "UnitPrice " + price + " is negative: an accounting adjustment (such as 'Adjust bad debt'), "
                    + "not a sale.";
        }
        if (!cancellation && quantity <= 0) {
            return "Quantity " + quantity + " on an invoice that is not a cancellation: a stock adjustment, not a sale.";
        }
        if (cancellation && quantity >= 0) {
            return "Quantity " + quantity + " on a cancellation invoice, which must have negative quantities.";
        }
        String stockCode = record.get(1).strip();
        if (stockCode.isEmpty()) {
            return "StockCode is empty.";
        }
        int units = Math.abs(quantity);
        ObjectNode product = json.createObjectNode();
        product.put("product_id", stockCode);
        product.put("sku", stockCode);
        String description = record.get(2).strip();
        if (!description.isEmpty()) {
            product.put("name", description);
        }
        product.put("price", price);
        product.put("quantity", units);
        invoice.products.add(product);
        invoice.rows.add(row);
        invoice.total = invoice.total.add(price.multiply(BigDecimal.valueOf(units)));
        if (invoice.date == null) {
            invoice.date = date;
        }
        String customer = customerId(record.get(6));
        if (invoice.customer == null && customer != null) {
            invoice.customer = customer;
        }
        String country = record.get(7).strip();
        if (invoice.country == null && !country.isEmpty()) {
            invoice.country = country;
        }
        return null;
    }

    private ObjectNode message(String number, Invoice invoice) {
        boolean cancellation = number.startsWith("C");
        ObjectNode message = json.createObjectNode();
        message.put("type", "track");
        message.put("messageId", "import:" + NAME + ":" + number);
        message.put("event", cancellation ? "Order Refunded" : "Order Completed");
        if (invoice.customer != null) {
            message.put("userId", invoice.customer);
        } else {
            message.put("anonymousId", "guest-" + number);
        }
        message.put("timestamp", invoice.date.toInstant(ZoneOffset.UTC).toString());
        if (invoice.country != null) {
            message.putObject("context").putObject("location").put("country", invoice.country);
        }
        ObjectNode properties = message.putObject("properties");
        properties.put("order_id", number);
        properties.put("total", invoice.total);
        properties.put("currency", "GBP");
        ArrayNode products = properties.putArray("products");
        invoice.products.forEach(products::add);
        return message;
    }

    private static @Nullable LocalDateTime date(String text) {
        for (DateTimeFormatter format : List.of(ISO_LIKE, US)) {
            try {
                return LocalDateTime.parse(text, format);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    /** Spreadsheet exports write the id as a decimal ({@code 17850.0}). */
    private static @Nullable String customerId(String text) {
        String id = text.strip();
        if (id.endsWith(".0")) {
            id = id.substring(0, id.length() - 2);
        }
        return id.isEmpty() ? null : id;
    }
}
