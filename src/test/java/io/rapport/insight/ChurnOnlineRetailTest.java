package io.rapport.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Simple-mode churn on three months of UCI Online Retail (December 2010 to February 2011, imported through the API)
 * against a computation straight from the CSV files ({@link OnlineRetailInvoices}): each buyer's purchase days, the
 * window as the percentile of the gaps between them, where each buyer stands at the end, and the weekly churn rates.
 * Skipped without the data sets.
 */
@RapportTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnOnlineRetailTest {

    private static final LocalDate FROM = LocalDate.of(2010, 12, 1);
    private static final LocalDate TO = LocalDate.of(2011, 2, 28);
    private static final String CHURN = "/api/v1/metrics/churn?mode=simple&from=" + FROM + "&to=" + TO;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("churn_retail").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    IngestMonitor ingest;

    /** Each buyer's purchase days, from the CSV files. */
    private final Map<String, TreeSet<LocalDate>> days = new HashMap<>();

    @BeforeAll
    void importThreeMonths() throws IOException {
        Path folder = ImportUploads.datasets().resolve("online-retail-uci/full");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The UCI Online Retail data set is not at "
                + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this test)");
        String source = rapport.newSource("IMPORT").id();
        for (String month : List.of("2010-12", "2011-01", "2011-02")) {
            Path file = folder.resolve("online_retail_" + month + ".csv.gz");
            RapportClient.Response upload = ImportUploads.upload(rapport, file.getFileName().toString(),
                    Files.readAllBytes(file), "uci-online-retail", source);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            assertThat(ImportUploads.waitFor(rapport, upload.json().get("id").stringValue(), Duration.ofMinutes(5))
                    .get("status").stringValue()).isEqualTo("COMPLETED");
            for (OnlineRetailInvoices.Invoice invoice : OnlineRetailInvoices.read(file)) {
                days.computeIfAbsent(invoice.buyer(), b -> new TreeSet<>()).add(invoice.at().toLocalDate());
            }
        }
        ImportUploads.waitForConsumers(ingest, Duration.ofMinutes(5));
    }

    @Test
    void the_window_is_the_90th_percentile_of_the_gaps_and_the_counts_and_weekly_rates_match_the_csv() {
        List<Long> gaps = new ArrayList<>();
        for (TreeSet<LocalDate> buyer : days.values()) {
            LocalDate previous = null;
            for (LocalDate day : buyer) {
                if (previous != null) {
                    gaps.add(ChronoUnit.DAYS.between(previous, day));
                }
                previous = day;
            }
        }
        gaps.sort(null);
        long window = gaps.get((int) Math.ceil(0.9 * gaps.size()) - 1);

        JsonNode report = ok(CHURN + "&groupBy=week");

        assertThat(report.get("window").get("days").asLong()).isEqualTo(window);
        assertThat(report.get("window").get("gaps").asLong()).isEqualTo(gaps.size());
        JsonNode counts = report.get("counts");
        assertThat(counts.get("customers").asLong()).isEqualTo(days.size());
        assertThat(counts.get("churned").asLong()).isEqualTo(count(days.values(), TO, window, 2));
        assertThat(counts.get("atRisk").asLong()).isEqualTo(count(days.values(), TO, window, 1));
        assertThat(counts.get("active").asLong()).isEqualTo(count(days.values(), TO, window, 0));
        assertThat(weeks(report)).isEqualTo(expectedWeeks(window));
        System.out.printf("UCI Online Retail churn to %s: window %d days (90th percentile of %d gaps), %s%n", TO,
                window, gaps.size(), counts);
    }

    @Test
    void with_a_given_window_the_monthly_rates_and_the_churned_list_match_the_csv() {
        JsonNode report = ok(CHURN + "&window=30&groupBy=month");
        JsonNode february = report.get("series").get(2);

        long alive = 0;
        long churned = 0;
        for (TreeSet<LocalDate> buyer : days.values()) {
            int before = standing(buyer, LocalDate.of(2011, 1, 31), 30);
            if (before == 0 || before == 1) {
                alive++;
                churned += standing(buyer, TO, 30) == 2 ? 1 : 0;
            }
        }
        assertThat(february.get("alive").asLong()).isEqualTo(alive).isPositive();
        assertThat(february.get("churned").asLong()).isEqualTo(churned).isPositive();

        int listed = 0;
        String cursor = "";
        do {
            JsonNode page = ok(CHURN.replace("churn?", "churn/customers?") + "&window=30&limit=1000&cursor=" + cursor);
            listed += page.get("items").size();
            cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
        } while (cursor != null);
        assertThat(listed).isEqualTo(count(days.values(), TO, 30, 2));
    }

    /** -1 before the first purchase, else 0 active, 1 at risk (over half the window silent), 2 churned. */
    private static int standing(TreeSet<LocalDate> buyer, LocalDate day, long window) {
        LocalDate last = buyer.floor(day);
        if (last == null) {
            return -1;
        }
        long since = ChronoUnit.DAYS.between(last, day);
        return since > window ? 2 : 2 * since > window ? 1 : 0;
    }

    private static long count(Collection<TreeSet<LocalDate>> buyers, LocalDate day, long window, int standing) {
        return buyers.stream().filter(buyer -> standing(buyer, day, window) == standing).count();
    }

    /** Per week from Monday (the first and last cut to FROM and TO): "key churned/alive". */
    private List<String> expectedWeeks(long window) {
        List<String> weeks = new ArrayList<>();
        for (LocalDate key = FROM.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !key.isAfter(TO);
                key = key.plusWeeks(1)) {
            LocalDate start = key.isBefore(FROM) ? FROM : key;
            LocalDate end = key.plusDays(6).isAfter(TO) ? TO : key.plusDays(6);
            long alive = 0;
            long churned = 0;
            for (TreeSet<LocalDate> buyer : days.values()) {
                int before = standing(buyer, start.minusDays(1), window);
                if (before == 0 || before == 1) {
                    alive++;
                    churned += standing(buyer, end, window) == 2 ? 1 : 0;
                }
            }
            weeks.add(key + " " + churned + "/" + alive);
        }
        return weeks;
    }

    private static List<String> weeks(JsonNode report) {
        List<String> weeks = new ArrayList<>();
        report.get("series").forEach(p -> weeks.add(p.get("key").stringValue() + " " + p.get("churned").asLong() + "/"
                + p.get("alive").asLong()));
        return weeks;
    }

    private JsonNode ok(String path) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }
}
