package io.rapport.insight;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The purchases of a UCI Online Retail file, read with Commons CSV independently of Rapport's import, by the rule the
 * import follows: a purchase is a sales invoice (not starting with {@code C}) with at least one valid line (whole
 * quantity above 0, a date, a price not below 0, a stock code); it happened at its first valid line's date (UTC) and
 * its buyer is the first valid line's CustomerID, else the invoice's own guest (the import gives it an anonymous id
 * of its own). Credit notes ({@code C…}) neither count nor cancel anything.
 */
final class OnlineRetailInvoices {

    private static final DateTimeFormatter ISO_LIKE = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]");

    private OnlineRetailInvoices() {
    }

    record Invoice(String number, LocalDateTime at, String buyer) {
    }

    static List<Invoice> read(Path file) throws IOException {
        Map<String, LocalDateTime> dates = new LinkedHashMap<>();
        Map<String, String> customers = new LinkedHashMap<>();
        try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8)) {
            for (CSVRecord line : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String invoice = line.get("InvoiceNo").strip();
                if (invoice.isEmpty() || invoice.startsWith("C") || !validSale(line)) {
                    continue;
                }
                dates.putIfAbsent(invoice, LocalDateTime.parse(line.get("InvoiceDate").strip(), ISO_LIKE));
                String customer = line.get("CustomerID").strip().replaceAll("\\.0$", "");
                if (!customer.isEmpty()) {
                    customers.putIfAbsent(invoice, customer);
                }
            }
        }
        List<Invoice> invoices = new ArrayList<>(dates.size());
        dates.forEach((invoice, at) -> invoices.add(new Invoice(invoice, at,
                customers.getOrDefault(invoice, "guest " + invoice))));
        return invoices;
    }

    private static boolean validSale(CSVRecord line) {
        if (line.size() != 8 || line.get("StockCode").isBlank()) {
            return false;
        }
        try {
            LocalDateTime.parse(line.get("InvoiceDate").strip(), ISO_LIKE);
            return Integer.parseInt(line.get("Quantity").strip()) > 0
                    && new BigDecimal(line.get("UnitPrice").strip()).signum() >= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
