package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The churn page in real Chromium on an imported order history: thirty customers who buy at random (seed 2001) from
 * January to June 2001, and a 30-day window typed into the page's form. The test works out each customer's standing
 * from their purchase days with the rule of docs/metrics.md (churned at d when d − last purchase &gt; 30 days, at risk
 * past 15) and checks the line the chart draws, the customers behind a clicked point and the CSV downloads.
 */
@RapportTest
@DirtiesContext
class ChurnBrowserTest {

    private static final int WINDOW = 30;
    private static final LocalDate FROM = LocalDate.parse("2001-01-01");
    private static final LocalDate TO = LocalDate.parse("2001-06-30");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("churn_browser").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    IngestMonitor ingest;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 2000);

    /** Each customer's purchase days, by user id. */
    private final Map<String, TreeSet<LocalDate>> purchases = new LinkedHashMap<>();

    /** A month's expected figures: customers alive at its start, and those of them churned at its end. */
    private record Month(LocalDate start, LocalDate end, List<String> alive, List<String> churned) {
        /** The rate in percent; nothing (a gap in the line, an empty cell) without customers alive at the start. */
        @Nullable Double rate() {
            return alive.isEmpty() ? null : 100.0 * churned.size() / alive.size();
        }
    }

    @Test
    void the_line_the_drill_down_and_the_downloads_follow_the_purchases() throws IOException {
        importOrders();
        List<Month> months = months();
        Month drilled = months.stream().max(Comparator.comparingInt(m -> m.churned().size())).orElseThrow();
        assertThat(drilled.churned()).as("some month has churned customers").isNotEmpty();

        WebDriver browser = window.driver();
        String analyst = "churn-" + System.nanoTime() + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);
        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        browser.get(rapport.base() + "/console/insight/churn?mode=simple&from=" + FROM + "&to=" + TO
                + "&groupBy=month");
        wait.until(Chromium.onCurrentPage(drawn()));
        WebElement windowField = browser.findElement(By.id("window"));
        windowField.clear();
        windowField.sendKeys(String.valueOf(WINDOW));
        browser.findElement(By.cssSelector("#churn-parameters button[type=submit]")).click();
        wait.until(Chromium.gone(windowField));
        wait.until(Chromium.onCurrentPage(drawn()));

        assertThat(browser.findElement(By.id("churn-rule")).getText()).contains(WINDOW + " days without a purchase");
        assertThat(List.of("churn-customers", "churn-active", "churn-at-risk", "churn-churned").stream()
                .map(id -> Long.parseLong(browser.findElement(By.id(id)).getText())).toList())
                .containsExactly(standings(TO));
        List<?> rates = (List<?>) script(browser, "return echarts.getInstanceByDom(document.getElementById("
                + "'chart-churn')).getOption().series[2].data;");
        List<?> lows = (List<?>) script(browser, "return echarts.getInstanceByDom(document.getElementById("
                + "'chart-churn')).getOption().series[0].data;");
        assertThat(rates).hasSize(months.size());
        for (int i = 0; i < months.size(); i++) {
            Month month = months.get(i);
            if (month.rate() == null) {
                assertThat(List.of(rates.get(i), lows.get(i))).as(month.start().toString()).containsOnly("-");
            } else {
                assertThat(((Number) rates.get(i)).doubleValue()).as(month.start().toString())
                        .isCloseTo(month.rate(), within(0.005));
                assertThat(((Number) lows.get(i)).doubleValue()).as(month.start().toString())
                        .isCloseTo(wilson(month)[0], within(0.005));
            }
        }
        Chromium.screenshot(browser, "insight-churn");

        int point = months.indexOf(drilled);
        Charts.click(browser, "chart-churn", 2, point, rates.get(point));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-churned")));
        assertThat(browser.findElement(By.cssSelector("#drill-churned h2")).getText())
                .contains(drilled.start().toString());
        assertThat(browser.findElements(By.cssSelector("#drill-churned tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList()).containsExactlyInAnyOrderElementsOf(drilled.churned());

        List<CSVRecord> periods = csv(fetch(browser, "churn-export"));
        assertThat(periods).extracting(r -> r.get("period") + " " + r.get("end") + " " + r.get("alive") + "/"
                + r.get("churned")).containsExactlyElementsOf(months.stream().map(m -> m.start() + " " + m.end() + " "
                + m.alive().size() + "/" + m.churned().size()).toList());
        for (int i = 0; i < months.size(); i++) {
            Month month = months.get(i);
            if (month.rate() == null) {
                assertThat(periods.get(i).get("ratePercent")).isEmpty();
            } else {
                assertThat(Double.parseDouble(periods.get(i).get("ratePercent"))).isCloseTo(month.rate(),
                        within(0.005));
                assertThat(Double.parseDouble(periods.get(i).get("high"))).isCloseTo(wilson(month)[1], within(0.005));
            }
        }
        List<CSVRecord> churned = csv(fetch(browser, "churn-customers-export"));
        assertThat(churned).extracting(r -> r.get("customer") + " " + r.get("lastPurchase") + " "
                + r.get("purchaseDays") + " " + r.get("daysSinceLastPurchase"))
                .containsExactlyInAnyOrderElementsOf(purchases.entrySet().stream()
                        .filter(e -> churned(e.getValue(), TO))
                        .map(e -> e.getKey() + " " + e.getValue().last() + " " + e.getValue().size() + " "
                                + ChronoUnit.DAYS.between(e.getValue().last(), TO)).toList());
    }

    /** Thirty customers; each buys first in January or February, then up to 4 times more, 3 to 72 days apart. */
    private void importOrders() {
        SplittableRandom random = new SplittableRandom(2001);
        List<String> lines = new ArrayList<>();
        for (int c = 1; c <= 30; c++) {
            String customer = "S%02d".formatted(c);
            TreeSet<LocalDate> days = new TreeSet<>();
            LocalDate day = FROM.plusDays(random.nextInt(59));
            int times = 1 + random.nextInt(5);
            for (int k = 0; k < times && !day.isAfter(TO); k++) {
                days.add(day);
                day = day.plusDays(3 + random.nextInt(70));
            }
            purchases.put(customer, days);
            for (LocalDate d : days) {
                lines.add("""
                        {"type":"track","event":"Order Completed","userId":"%s","messageId":"churn-%s-%s",\
                        "timestamp":"%sT12:00:00Z","properties":{"order_id":"%s-%s","total":10,"currency":"EUR"}}"""
                        .formatted(customer, customer, d, d, customer, d));
            }
        }
        RapportClient.Response upload = ImportUploads.upload(rapport, "orders.ndjson",
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "segment-ndjson", null);
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        JsonNode job = ImportUploads.waitFor(rapport, upload.json().get("id").stringValue(), Duration.ofSeconds(60));
        assertThat(job.get("rowsImported").asLong()).as(job.toString()).isEqualTo(lines.size());
        ImportUploads.waitForConsumers(ingest, Duration.ofSeconds(60));
    }

    /** Per month: the customers not churned at the end of the day before it, and which of them are at its end. */
    private List<Month> months() {
        List<Month> months = new ArrayList<>();
        for (LocalDate start = FROM; !start.isAfter(TO); start = start.plusMonths(1)) {
            LocalDate end = start.plusMonths(1).minusDays(1);
            LocalDate before = start.minusDays(1);
            List<String> alive = purchases.entrySet().stream()
                    .filter(e -> e.getValue().floor(before) != null && !churned(e.getValue(), before))
                    .map(Map.Entry::getKey).toList();
            List<String> churned = alive.stream().filter(c -> churned(purchases.get(c), end)).toList();
            months.add(new Month(start, end, alive, churned));
        }
        return months;
    }

    /** Customers (with a purchase by {@code day}), active, at risk and churned at its end. */
    private Long[] standings(LocalDate day) {
        long[] counts = new long[4];
        purchases.values().stream().filter(days -> days.floor(day) != null).forEach(days -> {
            long silent = ChronoUnit.DAYS.between(days.floor(day), day);
            counts[0]++;
            counts[silent > WINDOW ? 3 : 2 * silent > WINDOW ? 2 : 1]++;
        });
        return new Long[] {counts[0], counts[1], counts[2], counts[3]};
    }

    private static boolean churned(TreeSet<LocalDate> days, LocalDate day) {
        LocalDate last = days.floor(day);
        return last != null && ChronoUnit.DAYS.between(last, day) > WINDOW;
    }

    /** The Wilson score 95% interval of the month's rate, in percent (Wilson 1927). */
    private static double[] wilson(Month month) {
        double n = month.alive().size();
        double p = month.churned().size() / n;
        double z = 1.959963984540054;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return new double[] {100 * (centre - half), 100 * (centre + half)};
    }

    private static ExpectedCondition<Boolean> drawn() {
        return ExpectedConditions.attributeToBe(By.id("chart-churn"), "data-drawn", "true");
    }

    /** What the link with this id downloads, fetched by the page as a click on it would. */
    private static String fetch(WebDriver browser, String linkId) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];fetch(document.getElementById(arguments[0]).href).then(r => r.text()).then(done);", linkId);
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
    }

    private static Object script(WebDriver browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
