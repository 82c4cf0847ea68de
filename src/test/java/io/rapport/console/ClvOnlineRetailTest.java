package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.platform.ApiKeys;
import io.rapport.platform.Role;
import io.rapport.platform.Timestamps;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Customer lifetime value on five months of UCI Online Retail (December 2010 to April 2011, imported through the
 * API): fitted on the orders to 2011-01-31, checked on the three months after, through the API and the console.
 */
@RapportTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClvOnlineRetailTest {

    private static final String CALIBRATION_END = "2011-01-31";
    private static final String HOLD_OUT_END = "2011-04-30";
    private static final String CLV = "/api/v1/metrics/clv?calibrationEnd=" + CALIBRATION_END;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("clv").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestMonitor ingest;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @LocalServerPort
    int port;

    @BeforeAll
    void importFiveMonths() throws IOException {
        Path folder = ImportUploads.datasets().resolve("online-retail-uci/full");
        Assumptions.assumeTrue(Files.isDirectory(folder), "The UCI Online Retail data set is not at "
                + folder.toAbsolutePath() + " (set -Drapport.test.datasets=<folder> to run this test)");
        String source = rapport.newSource("IMPORT").id();
        for (String month : List.of("2010-12", "2011-01", "2011-02", "2011-03", "2011-04")) {
            String name = "online_retail_" + month + ".csv.gz";
            RapportClient.Response upload = ImportUploads.upload(rapport, name,
                    Files.readAllBytes(folder.resolve(name)), "uci-online-retail", source);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            assertThat(ImportUploads.waitFor(rapport, upload.json().get("id").stringValue(), Duration.ofMinutes(5))
                    .get("status").stringValue()).isEqualTo("COMPLETED");
        }
        ImportUploads.waitForConsumers(ingest, Duration.ofMinutes(5));
    }

    /** Each person's completed, not cancelled orders' days, read from the commerce tables. */
    private List<String[]> purchaseDays() {
        List<String[]> days = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        jdbc.sql("""
                select coalesce(user_identifier, anonymous_identifier) as person, completed_at from commerce_orders
                where completed_at is not null and status <> 'CANCELLED' and currency = 'GBP'""")
                .query(rs -> {
                    Instant at = Timestamps.instant(rs, "completed_at");
                    String person = rs.getString("person");
                    String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
                    if (seen.add(person + "|" + day)) {
                        days.add(new String[] {person, day});
                    }
                });
        return days;
    }

    @Test
    void the_report_fits_the_models_and_scores_every_customer_of_the_calibration_period() {
        RapportClient.Response response = rapport.get(CLV + "&limit=20");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        JsonNode model = report.get("model");
        long customers = purchaseDays().stream().filter(d -> d[1].compareTo(CALIBRATION_END) <= 0)
                .map(d -> d[0]).distinct().count();
        assertThat(model.get("customers").asLong()).isEqualTo(customers).isGreaterThan(1000);
        assertThat(model.get("currency").stringValue()).isEqualTo("GBP");
        for (String parameter : List.of("r", "alpha", "a", "b")) {
            assertThat(model.get("bgNbd").get(parameter).asDouble()).as(parameter).isPositive().isFinite();
        }
        assertThat(model.get("bgNbd").get("logLikelihood").asDouble()).isNegative();
        assertThat(model.get("gammaGamma").get("q").asDouble()).isGreaterThan(1);

        JsonNode summary = report.get("summary");
        assertThat(summary.get("customers").asLong()).isEqualTo(customers);
        assertThat(sum(summary.get("valueDistribution"))).isEqualTo(customers);
        assertThat(sum(summary.get("aliveDistribution"))).isEqualTo(customers);

        List<JsonNode> page = StreamSupport.stream(report.get("customers").get("items").spliterator(), false).toList();
        assertThat(page).hasSize(20);
        for (int i = 1; i < page.size(); i++) {
            assertThat(page.get(i).get("predictedValue").decimalValue())
                    .isLessThanOrEqualTo(page.get(i - 1).get("predictedValue").decimalValue());
        }
        JsonNode top = page.getFirst();
        assertThat(top.get("probabilityAlive").asDouble()).isBetween(0.0, 1.0);
        assertThat(top.get("churned").asBoolean()).isEqualTo(top.get("probabilityAlive").asDouble() < 0.5);

        JsonNode next = rapport.get(CLV + "&limit=20&cursor=" + report.get("customers").get("next").stringValue())
                .json().get("customers").get("items");
        assertThat(next.get(0).get("person").stringValue()).isNotIn(page.stream()
                .map(c -> c.get("person").stringValue()).toList());
        assertThat(next.get(0).get("predictedValue").decimalValue())
                .isLessThanOrEqualTo(page.getLast().get("predictedValue").decimalValue());
    }

    @Test
    void a_longer_horizon_predicts_more_and_a_higher_discount_rate_less() {
        double twelve = total(rapport.get(CLV + "&horizonMonths=12&discountRate=0.1&limit=1").json());
        double twentyFour = total(rapport.get(CLV + "&horizonMonths=24&discountRate=0.1&limit=1").json());
        double discounted = total(rapport.get(CLV + "&horizonMonths=12&discountRate=0.5&limit=1").json());
        assertThat(twentyFour).isGreaterThan(twelve);
        assertThat(discounted).isLessThan(twelve);
    }

    @Test
    void the_hold_out_check_counts_the_purchase_days_that_followed_by_calibration_frequency() {
        RapportClient.Response response = rapport.get("/api/v1/metrics/clv/validation?calibrationEnd="
                + CALIBRATION_END + "&holdOutEnd=" + HOLD_OUT_END);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode validation = response.json();
        Set<String> calibrated = new HashSet<>();
        purchaseDays().stream().filter(d -> d[1].compareTo(CALIBRATION_END) <= 0).forEach(d -> calibrated.add(d[0]));
        long actual = purchaseDays().stream().filter(d -> calibrated.contains(d[0])
                && d[1].compareTo(CALIBRATION_END) > 0 && d[1].compareTo(HOLD_OUT_END) <= 0).count();
        assertThat(validation.get("actual").asLong()).isEqualTo(actual).isPositive();
        assertThat(validation.get("holdOutWeeks").asDouble()).isCloseTo(89 / 7.0, within(1e-9));
        JsonNode rows = validation.get("byFrequency");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(7).get("label").stringValue()).isEqualTo("7+");
        long rowsActual = 0;
        double rowsPredicted = 0;
        for (JsonNode row : rows) {
            rowsActual += row.get("actual").asLong();
            rowsPredicted += row.get("predicted").asDouble();
        }
        assertThat(rowsActual).isEqualTo(actual);
        assertThat(rowsPredicted).isCloseTo(validation.get("predicted").asDouble(), within(1e-6));
        System.out.printf("UCI Online Retail hold-out %s..%s: predicted %.1f, actual %d%n", CALIBRATION_END,
                HOLD_OUT_END, validation.get("predicted").asDouble(), actual);
        // 2011-01-31 to 2011-04-30: 1,775 predicted against 1,768 actual purchase days on both databases.
        assertThat(validation.get("predicted").asDouble()).isCloseTo(actual, within(0.05 * actual));
    }

    @Test
    void bad_parameters_are_problems_naming_the_field() {
        assertProblem(CLV + "&horizonMonths=0", 400, "horizonMonths");
        assertProblem(CLV + "&horizonMonths=1.5", 400, "horizonMonths");
        assertProblem(CLV + "&discountRate=ten", 400, "discountRate");
        assertProblem(CLV + "&discountRate=2", 400, "discountRate");
        assertProblem(CLV + "&churnThreshold=1", 400, "churnThreshold");
        assertProblem("/api/v1/metrics/clv?calibrationEnd=31.01.2011", 400, "calibrationEnd");
        assertProblem("/api/v1/metrics/clv?calibrationEnd=2999-01-01", 400, "calibrationEnd");
        assertProblem(CLV + "&currency=pounds", 400, "currency");
        assertProblem(CLV + "&cursor=nonsense", 400, "cursor");
        assertProblem(CLV + "&limit=0", 400, "limit");
        assertProblem("/api/v1/metrics/clv/validation", 400, "calibrationEnd");
        assertProblem("/api/v1/metrics/clv/validation?calibrationEnd=2011-04-30&holdOutEnd=2011-04-30", 400,
                "calibrationEnd");
        RapportClient.Response yen = rapport.get(CLV + "&currency=JPY");
        assertThat(yen.status()).isEqualTo(422);
        assertThat(yen.json().get("detail").stringValue()).contains("no completed orders in JPY");
        RapportClient.Response early = rapport.get("/api/v1/metrics/clv?calibrationEnd=2010-12-01");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("detail").stringValue()).contains("at least 30 customers");
    }

    @Test
    void analysts_and_admins_may_read_it_and_other_roles_may_not() {
        assertThat(rapport.get(CLV + "&limit=1", apiKeys.issue("reports", Role.ANALYST).secret()).status())
                .isEqualTo(200);
        assertThat(rapport.get(CLV + "&limit=1", apiKeys.issue("marketing", Role.MARKETER).secret()).status())
                .isEqualTo(403);
        assertThat(rapport.get(CLV + "&limit=1", apiKeys.issue("support", Role.AGENT).secret()).status())
                .isEqualTo(403);
    }

    @Test
    void the_console_page_shows_the_charts_the_hold_out_check_and_top_customers_and_exports_them_all() {
        ConsoleSession analyst = signedIn(Role.ANALYST);
        ConsoleSession.Page page = analyst.get("/console/metrics/clv?calibrationEnd=" + CALIBRATION_END
                + "&holdOutEnd=" + HOLD_OUT_END);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<span id=\"clv-actual\">1768</span>");
        assertThat(page.body()).contains("id=\"chart-clv\"", "id=\"chart-alive\"", "id=\"chart-hold-out\"",
                "id=\"clv-definition\"", "href=\"/console/customers/");
        assertThat(analyst.get("/console").body()).contains("href=\"/console/metrics/clv\"");

        ConsoleSession.Page csv = analyst.get("/console/metrics/clv/export?calibrationEnd=" + CALIBRATION_END,
                "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", ClvPage.CSV_HEADER));
        long customers = rapport.get(CLV + "&limit=1").json().get("summary").get("customers").asLong();
        assertThat(lines).hasSize((int) customers + 1);
    }

    @Test
    void in_chromium_an_analyst_sees_the_three_charts_drawn_and_goes_on_to_the_top_customer() throws IOException {
        String analyst = "clv-" + UUID.randomUUID() + "@example.com";
        users.create(analyst, ConsolePagesTest.PASSWORD, Role.ANALYST);
        try (Chromium chromium = Chromium.start(options -> options.addArguments("--window-size=1360,1800"))) {
            WebDriver browser = chromium.driver();
            browser.get(rapport.base() + "/console/login");
            browser.findElement(By.id("username")).sendKeys(analyst);
            browser.findElement(By.id("password")).sendKeys(ConsolePagesTest.PASSWORD);
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Lifetime value"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clv-parameters")));
            browser.get(rapport.base() + "/console/metrics/clv?horizonMonths=24&calibrationEnd=" + CALIBRATION_END
                    + "&holdOutEnd=" + HOLD_OUT_END);
            for (String chart : List.of("chart-clv", "chart-alive", "chart-hold-out")) {
                wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-drawn", "true"));
                assertThat(browser.findElement(By.cssSelector("#" + chart + " canvas")).getSize().getHeight())
                        .as(chart).isPositive();
            }
            assertThat(browser.findElement(By.id("clv-actual")).getText()).isEqualTo("1768");
            assertThat(browser.findElement(By.id("clv-summary")).getText()).contains("over 24 months");
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(screenshots.resolve("clv.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            WebElement top = browser.findElement(By.cssSelector("#clv-customers tbody tr:first-child td a"));
            String person = top.getText();
            top.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identities")));
            assertThat(browser.findElement(By.id("identities")).getText()).contains(person);
        }
    }

    @Test
    void the_console_answers_bad_parameters_and_too_little_data_readably_and_refuses_other_roles() {
        ConsoleSession analyst = signedIn(Role.ANALYST);
        ConsoleSession.Page bad = analyst.get("/console/metrics/clv?horizonMonths=many");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("horizonMonths", "many", "is not a number.");
        ConsoleSession.Page early = analyst.get("/console/metrics/clv?calibrationEnd=2010-12-01");
        assertThat(early.status()).isEqualTo(200);
        assertThat(early.body()).contains("id=\"clv-not-enough-data\"", "at least 30 customers");
        assertThat(signedIn(Role.AGENT).get("/console/metrics/clv").status()).isEqualTo(403);
    }

    private ConsoleSession signedIn(Role role) {
        String email = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()
                + "@example.com";
        users.create(email, ConsolePagesTest.PASSWORD, role);
        return new ConsoleSession(port).signIn(email, ConsolePagesTest.PASSWORD);
    }

    private void assertProblem(String path, int status, String field) {
        RapportClient.Response response = rapport.get(path);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").stringValue()).as(path).isEqualTo(field);
    }

    private static long sum(JsonNode buckets) {
        long sum = 0;
        for (JsonNode bucket : buckets) {
            sum += bucket.get("customers").asLong();
        }
        return sum;
    }

    private static double total(JsonNode report) {
        return report.get("summary").get("predictedValue").asDouble();
    }
}
