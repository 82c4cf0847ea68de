package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Monthly retention cohorts of the UCI Online Retail data (December 2010 to March 2011, imported through the API)
 * against an independent computation straight from the CSV files ({@link OnlineRetailInvoices}: each guest is a
 * buyer of one invoice; credit notes neither count nor cancel). Skipped without the data sets.
 */
@RapportTest
@DirtiesContext
class OnlineRetailRetentionTest {

    private static final List<String> MONTHS = List.of("2010-12", "2011-01", "2011-02", "2011-03");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("retention").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    @Test
    void monthly_cohorts_match_a_computation_from_the_csv_files() throws IOException {
        Path folder = ImportUploads.datasets().resolve("online-retail-uci/full");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The UCI Online Retail data set is not at "
                + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this test)");
        String source = rapport.newSource("IMPORT").id();
        Map<String, Purchases> expected = new HashMap<>();
        for (String month : MONTHS) {
            Path file = folder.resolve("online_retail_" + month + ".csv.gz");
            RapportClient.Response upload = ImportUploads.upload(rapport, file.getFileName().toString(),
                    Files.readAllBytes(file), "uci-online-retail", source);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            JsonNode job = ImportUploads.waitFor(rapport, upload.json().get("id").stringValue(), Duration.ofMinutes(5));
            assertThat(job.get("status").stringValue()).isEqualTo("COMPLETED");
            purchasesFrom(file, expected);
        }
        long head = ingest.status().logHead();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> ingest.status()
                .consumers().stream().filter(c -> c.name().equals("insight.purchases"))
                .allMatch(c -> c.position() >= head));

        for (String variant : List.of("in", "in_or_after")) {
            JsonNode table = rapport.get("/api/v1/metrics/retention?from=2010-12&to=2011-03&variant=" + variant).json();
            assertThat(actual(table)).as(variant).isEqualTo(cohorts(expected, variant.equals("in")));
        }
        JsonNode table = rapport.get("/api/v1/metrics/retention?from=2010-12&to=2011-03").json();
        assertThat(table.get("buyers").asLong()).isEqualTo(expected.size());
        assertThat(table.get("repeatBuyers").asLong())
                .isEqualTo(expected.values().stream().filter(p -> p.orders >= 2).count());
        System.out.printf("UCI Online Retail retention, %d buyers: %s%n", expected.size(), actual(table));
    }

    /** A customer's sales invoices and the months they fell in. */
    private static final class Purchases {
        final TreeSet<YearMonth> months = new TreeSet<>();
        int orders;
    }

    /** Adds the file's purchases per buyer. */
    private static void purchasesFrom(Path file, Map<String, Purchases> purchases) throws IOException {
        for (OnlineRetailInvoices.Invoice invoice : OnlineRetailInvoices.read(file)) {
            Purchases p = purchases.computeIfAbsent(invoice.buyer(), c -> new Purchases());
            p.months.add(YearMonth.from(invoice.at()));
            p.orders++;
        }
    }

    /** Per cohort month: buyers active in period k (or in it or later), as "month:[k0, k1, …]". */
    private static List<String> cohorts(Map<String, Purchases> purchases, boolean inPeriod) {
        YearMonth last = YearMonth.parse(MONTHS.getLast());
        List<String> rows = new ArrayList<>();
        for (String text : MONTHS) {
            YearMonth cohort = YearMonth.parse(text);
            long[] active = new long[(int) ChronoUnit.MONTHS.between(cohort, last) + 1];
            for (Purchases p : purchases.values()) {
                if (!p.months.first().equals(cohort)) {
                    continue;
                }
                for (int k = 0; k < active.length; k++) {
                    YearMonth period = cohort.plusMonths(k);
                    if (inPeriod ? p.months.contains(period) : !p.months.tailSet(period).isEmpty()) {
                        active[k]++;
                    }
                }
            }
            rows.add(text + ":" + java.util.Arrays.toString(active));
        }
        return rows;
    }

    private static List<String> actual(JsonNode table) {
        List<String> rows = new ArrayList<>();
        table.get("cohorts").forEach(c -> rows.add(c.get("month").stringValue() + ":"
                + c.get("active").toString().replace(",", ", ")));
        return rows;
    }
}
