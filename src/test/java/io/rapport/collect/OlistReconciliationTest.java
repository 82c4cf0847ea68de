package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rapport.commerce.Order;
import io.rapport.commerce.OrderStatus;
import io.rapport.commerce.Orders;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 4,000-order sample of the Olist data set, zipped as Kaggle ships it and uploaded through the API, reconciled
 * with sums and counts computed here from the CSV files: orders in commerce, customers, order totals, payments and
 * reviews. The sample may not be redistributed: it is read from beside the project ({@code ../shared/datasets}, or
 * {@code -Drapport.test.datasets=<folder>}); without it the test is skipped.
 */
@RapportTest
class OlistReconciliationTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    Orders orders;

    @Autowired
    Customers customers;

    private static List<CSVRecord> rows(Path folder, String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
            return CSV.parse(reader).getRecords();
        }
    }

    @Test
    void the_sample_reconciles_with_commerce_customers_and_the_event_log_and_a_second_run_stores_nothing()
            throws IOException {
        Path folder = ImportUploads.datasets().resolve("olist-sample-4000-orders");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The Olist sample is not at " + folder.toAbsolutePath()
                + " (set -Drapport.test.datasets=<folder> to run this test)");

        // What the files say, computed independently of the mapping.
        Map<String, String> statusOf = new HashMap<>();
        for (CSVRecord order : rows(folder, "olist_orders_dataset.csv")) {
            statusOf.put(order.get("order_id"), order.get("order_status"));
        }
        Set<String> people = new HashSet<>();
        rows(folder, "olist_customers_dataset.csv").forEach(c -> people.add(c.get("customer_unique_id")));
        BigDecimal itemsTotal = BigDecimal.ZERO;
        for (CSVRecord item : rows(folder, "olist_order_items_dataset.csv")) {
            itemsTotal = itemsTotal.add(new BigDecimal(item.get("price"))).add(new BigDecimal(item.get("freight_value")));
        }
        BigDecimal paid = BigDecimal.ZERO;
        for (CSVRecord payment : rows(folder, "olist_order_payments_dataset.csv")) {
            paid = paid.add(new BigDecimal(payment.get("payment_value")));
        }
        long reviews = rows(folder, "olist_order_reviews_dataset.csv").size();
        long cancelled = statusOf.values().stream().filter(s -> s.equals("canceled") || s.equals("unavailable"))
                .count();
        assertThat(statusOf).hasSize(4_000);
        assertThat(reviews).isEqualTo(3_986);

        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var list = Files.list(folder)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                files.put("archive/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        byte[] archive = ImportUploads.zip(files);
        String source = rapport.newSource("IMPORT").id();

        long start = System.nanoTime();
        JsonNode job = ImportUploads.importAndWait(rapport, "olist-sample.zip", archive, "olist", source,
                Duration.ofMinutes(2));
        double importSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(job.get("status").stringValue()).as(job.toString()).isEqualTo("COMPLETED");
        long read = job.get("rowsRead").asLong();
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(read).isEqualTo(23_869);
        assertThat(job.get("rowsImported").asLong() + job.get("rowsRejected").asLong()).isEqualTo(read);
        List<CSVRecord> rejected = CSV.parse(new StringReader(
                rapport.get("/api/v1/imports/" + job.get("id").stringValue() + "/rejected").body())).getRecords();
        assertThat(rejected).hasSize((int) job.get("rowsRejected").asLong())
                .allSatisfy(row -> assertThat(row.get("reason")).matches("olist_\\w+\\.csv row \\d+: .+"));
        // The sample is clean: every row is imported.
        assertThat(rejected).isEmpty();

        // The event log: payments and reviews as the files have them.
        BigDecimal loggedPayments = BigDecimal.ZERO;
        for (String payload : jdbc.sql("""
                select payload from events where source_id = cast(? as uuid) and event = 'Order Completed'""")
                .param(source).query(String.class).list()) {
            JsonNode payments = JSON.readTree(payload).get("properties").get("payments");
            for (JsonNode payment : payments == null ? List.<JsonNode>of() : payments.values()) {
                loggedPayments = loggedPayments.add(payment.get("value").decimalValue());
            }
        }
        assertThat(loggedPayments).isEqualByComparingTo(paid);
        assertThat(jdbc.sql("select count(*) from events where source_id = cast(? as uuid) and event = ?")
                .params(source, "Product Reviewed").query(Long.class).single()).isEqualTo(reviews);

        // Commerce: every order, completed unless cancelled or unavailable, totals as the items add up.
        ImportUploads.waitForConsumers(ingest, Duration.ofMinutes(2));
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Order> projected = new HashMap<>();
        String cursor = null;
        do {
            var page = orders.find(new Orders.Filter(null, null, null, null, null), 1000, cursor);
            page.items().stream().filter(o -> statusOf.containsKey(o.orderId()))
                    .forEach(o -> projected.put(o.orderId(), o));
            cursor = page.next();
        } while (cursor != null);
        assertThat(projected).hasSize(4_000);
        assertThat(projected.values().stream().filter(o -> o.status() == OrderStatus.CANCELLED).count())
                .isEqualTo(cancelled);
        assertThat(projected.values().stream().filter(o -> o.status() == OrderStatus.COMPLETED).count())
                .isEqualTo(4_000 - cancelled);
        assertThat(projected.values()).allSatisfy(o -> assertThat(o.currency()).isEqualTo("BRL"));
        assertThat(projected.values().stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(itemsTotal);

        // Customers: one per customer_unique_id, and each order belongs to one of them.
        Set<Customer.Id> customerIds = new HashSet<>();
        for (String person : people) {
            customerIds.add(customers.find(Identifier.userId(person)).orElseThrow());
        }
        assertThat(customerIds).hasSize(people.size()).hasSize(3_998);
        assertThat(projected.values()).allSatisfy(o -> assertThat(people)
                .contains(Identifier.decode(o.userIdentifier()).value()));

        // A second run of the same archive stores nothing new.
        long events = jdbc.sql("select count(*) from events where source_id = cast(? as uuid)").param(source)
                .query(Long.class).single();
        assertThat(events).isEqualTo(job.get("messages").asLong());
        JsonNode again = ImportUploads.importAndWait(rapport, "olist-sample.zip", archive, "olist", source,
                Duration.ofMinutes(2));
        assertThat(again.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select count(*) from events where source_id = cast(? as uuid)").param(source)
                .query(Long.class).single()).isEqualTo(events);

        System.out.printf("Olist sample reconciliation [%s]: %d rows as %d messages in %.1f s = %.0f rows/s; "
                        + "consumers caught up after %.1f s%n", System.getProperty("rapport.test.database", "?"),
                read, job.get("messages").asLong(), importSeconds, read / importSeconds, totalSeconds);
    }
}
