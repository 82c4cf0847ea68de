package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.rapport.testing.RapportClient;
import io.rapport.testing.TestDatabase;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole UCI Online Retail data set (13 monthly files, 541,909 lines) uploaded through the API, reconciled line
 * by line with what Rapport stored, and with what the commerce projector made of it. The data sets live beside the
 * project ({@code ../shared/datasets}, or {@code -Drapport.test.datasets=<folder>}); without them the test is skipped.
 */
@RapportTest
@DirtiesContext
class UciOnlineRetailReconciliationTest {

    /**
     * Half a million lines on a database of their own, in a Rapport that closes afterwards: the backlog its
     * consumers work through must not slow the tests that run after it.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("uci").forEach((key, value) -> registry.add(key, () -> value));
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_line_of_the_full_data_set_is_imported_or_rejected_and_commerce_shows_the_orders() throws IOException {
        Path folder = ImportUploads.datasets().resolve("online-retail-uci/full");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The UCI Online Retail data set is not at "
                + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this test)");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        }
        assertThat(files).hasSize(13);
        String source = rapport.newSource("IMPORT").id();

        long start = System.nanoTime();
        List<String> jobs = new ArrayList<>();
        for (Path file : files) {
            RapportClient.Response response = ImportUploads.upload(rapport, file.getFileName().toString(),
                    Files.readAllBytes(file), "uci-online-retail", source);
            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            jobs.add(response.json().get("id").stringValue());
        }
        long read = 0;
        long imported = 0;
        long rejected = 0;
        long messages = 0;
        for (String id : jobs) {
            JsonNode job = ImportUploads.waitFor(rapport, id, Duration.ofMinutes(5));
            assertThat(job.get("status").stringValue()).as(job.toString()).isEqualTo("COMPLETED");
            read += job.get("rowsRead").asLong();
            imported += job.get("rowsImported").asLong();
            rejected += job.get("rowsRejected").asLong();
            messages += job.get("messages").asLong();
        }
        double importSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(read).isEqualTo(541_909);
        assertThat(imported + rejected).isEqualTo(541_909);

        // Invoices, customers and cancellation lines: from the stored messages and the rejected rows together.
        Set<String> invoices = new HashSet<>();
        Set<String> customers = new HashSet<>();
        long cancellationLines = 0;
        Map<String, Boolean> orders = new HashMap<>();
        List<String> payloads = jdbc.sql("select payload from events where source_id = cast(? as uuid)")
                .param(source).query(String.class).list();
        assertThat(payloads).hasSize((int) messages);
        for (String payload : payloads) {
            JsonNode message = JSON.readTree(payload);
            String invoice = message.get("properties").get("order_id").stringValue();
            invoices.add(invoice);
            orders.put(invoice, invoice.startsWith("C"));
            if (message.has("userId")) {
                customers.add(message.get("userId").stringValue());
            }
            if (invoice.startsWith("C")) {
                cancellationLines += message.get("properties").get("products").size();
            }
        }
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        for (String id : jobs) {
            String body = rapport.get("/api/v1/imports/" + id + "/rejected").body();
            for (CSVRecord row : csv.parse(new java.io.StringReader(body))) {
                CSVRecord line = CSVFormat.DEFAULT.parse(new java.io.StringReader(row.get("line"))).getRecords().getFirst();
                assertThat(row.get("reason")).isNotBlank();
                invoices.add(line.get(0));
                if (!line.get(6).isBlank()) {
                    customers.add(line.get(6));
                }
                if (line.get(0).startsWith("C")) {
                    cancellationLines++;
                }
            }
        }
        assertThat(invoices).hasSize(25_900);
        assertThat(customers).hasSize(4_372);
        assertThat(cancellationLines).isEqualTo(9_288);

        // Commerce: every imported invoice is an order; sales are completed, credit notes carry their refund.
        long maxSeq = jdbc.sql("select max(seq) from events").query(Long.class).single();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.sql(
                "select position from consumer_checkpoints where consumer = 'commerce.projector'")
                .query(Long.class).optional().orElse(0L) >= maxSeq);
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> statuses = new HashMap<>();
        jdbc.sql("select order_id, status from commerce_orders where length(order_id) <= 7")
                .query(rs -> {
                    statuses.put(rs.getString("order_id"), rs.getString("status"));
                });
        long sales = orders.values().stream().filter(c -> !c).count();
        long completed = orders.entrySet().stream().filter(e -> !e.getValue())
                .filter(e -> "COMPLETED".equals(statuses.get(e.getKey()))).count();
        long creditNotes = orders.entrySet().stream().filter(Map.Entry::getValue)
                .filter(e -> statuses.containsKey(e.getKey())).count();
        assertThat(completed).isEqualTo(sales);
        assertThat(creditNotes).isEqualTo(orders.size() - sales);
        long refunds = jdbc.sql("select count(*) from commerce_refunds where order_id like 'C%' and length(order_id) <= 7")
                .query(Long.class).single();
        assertThat(refunds).isEqualTo(orders.size() - sales);

        System.out.printf("UCI Online Retail reconciliation [%s]: %d lines (%d imported, %d rejected) as %d messages "
                        + "(%d orders, %d credit notes) in %.1f s = %.0f lines/s; commerce caught up after %.1f s%n",
                System.getProperty("rapport.test.database", "?"), read, imported, rejected, messages, sales,
                orders.size() - sales, importSeconds, read / importSeconds, totalSeconds);
    }
}
