package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In real Chromium: an agent finds a customer by part of their email and sees the whole profile; an analyst filters
 * the customer list and exports every match as CSV.
 */
@RapportTest
class CustomerBrowserTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    Chromium chromium;
    WebDriver browser;

    Path downloads;

    @BeforeEach
    void openChromium() throws IOException {
        downloads = Files.createTempDirectory("rapport-downloads");
        chromium = Chromium.start(options -> {
            options.addArguments("--window-size=1360,1000");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        });
        browser = chromium.driver();
    }

    @AfterEach
    void closeChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        try (Stream<Path> files = Files.walk(downloads)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void an_agent_searches_a_customer_and_opens_their_profile() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "olga." + run + "@example.com";
        String writeKey = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("IOS").writeKey();
        rapport.track("/v1/page", writeKey, "{\"anonymousId\":\"v-" + run + "\",\"name\":\"Home\"}");
        rapport.track("/v1/identify", writeKey, "{\"anonymousId\":\"v-" + run + "\",\"userId\":\"u-" + run
                + "\",\"traits\":{\"email\":\"" + email + "\",\"firstName\":\"Olga\",\"lastName\":\"Berg\"}}");
        rapport.track("/v1/track", app, "{\"userId\":\"u-" + run + "\",\"event\":\"Order Completed\","
                + "\"properties\":{\"order_id\":\"o-" + run + "\",\"total\":42.5,\"currency\":\"EUR\"}}");
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?q=" + run).json()
                .get("items").size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/orders?userId=u-" + run).json()
                .get("items").size() == 1);
        String agent = "agent-" + run + "@example.com";
        users.create(agent, "a long enough passphrase", Role.AGENT);

        signIn(agent);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Customers"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("q"))).sendKeys("olga." + run);
        browser.findElement(By.cssSelector("#customer-search button")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Olga Berg"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-channels"), "data-drawn", "true"));
        assertThat(browser.findElement(By.id("customer-name")).getText()).isEqualTo("Olga Berg");
        assertThat(browser.findElement(By.id("identities")).getText()).contains(email, "u-" + run, "v-" + run);
        assertThat(browser.findElement(By.id("traits")).getText()).contains("firstName", "\"Olga\"", "UTC");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Order Completed", "Home");
        assertThat(browser.findElement(By.id("purchases")).getText()).contains("EUR", "42.5");
        // An agent records a consent; the privacy requests are for admins only.
        new Select(browser.findElement(By.id("purpose")))
                .selectByVisibleText("Marketing email");
        WebElement record = browser.findElement(By.cssSelector("#consent-form button"));
        record.click();
        wait.until(Chromium.gone(record));
        assertThat(browser.findElement(By.id("consents")).getText()).contains("Marketing email", "granted", "console");
        assertThat(browser.findElements(By.id("privacy"))).isEmpty();
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve("customer-360.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void an_analyst_filters_the_customer_list_and_exports_every_match_as_csv() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String web = rapport.newSource("WEB").writeKey();
        String app = rapport.newSource("IOS").writeKey();
        // 55 gold customers on the web (more than one page), one of them named like a spreadsheet formula; a gold
        // customer seen only in the app, and silver ones: the filters leave the 55.
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            String name = i == 7 ? "=HYPERLINK(\\\"http://evil.example\\\")" : "Gold " + i;
            messages.add(identify(run, "gold-" + i, "{\"plan\":\"gold\",\"name\":\"" + name + "\",\"email\":\"gold-" + i + "-"
                    + run + "@example.com\"}"));
        }
        messages.add(identify(run, "silver", "{\"plan\":\"silver\"}"));
        rapport.track("/v1/batch", web, "{\"batch\":[" + String.join(",", messages) + "]}");
        rapport.track("/v1/batch", app, "{\"batch\":[" + identify(run, "app-gold", "{\"plan\":\"gold\"}") + "]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?limit=100&q=" + run)
                .json().get("items").size() == 57);
        String analyst = "analyst-" + run + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);

        signIn(analyst);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Customers"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("q"))).sendKeys(run);
        browser.findElement(By.id("trait")).sendKeys("plan");
        browser.findElement(By.id("value")).sendKeys("gold");
        new Select(browser.findElement(By.id("channel"))).selectByVisibleText("Web");
        new Select(browser.findElement(By.id("seen"))).selectByVisibleText("Last 24 hours");
        WebElement apply = browser.findElement(By.cssSelector("#customer-search button[type=submit]"));
        apply.click();
        wait.until(ExpectedConditions.stalenessOf(apply));

        assertThat(browser.findElements(By.cssSelector("#customers tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("customers")).getText()).contains("Gold 54", "Web")
                .doesNotContain("silver", "app-gold");
        assertThat(browser.findElement(By.id("page-info")).getText()).contains("Page 1", "1–50");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve("customers.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        WebElement older = browser.findElement(By.id("older"));
        older.click();
        wait.until(ExpectedConditions.stalenessOf(older));
        assertThat(browser.findElements(By.cssSelector("#customers tbody tr"))).hasSize(5);
        assertThat(browser.findElement(By.id("page-info")).getText()).contains("Page 2", "51–55");

        browser.findElement(By.id("export")).click();
        Path csv = await().atMost(Duration.ofSeconds(15)).until(() -> downloaded(".csv"), path -> path != null);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv))) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "name", "email", "userId", "firstSeen",
                    "lastSeen", "channels", "events");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(55);
            assertThat(records).extracting(r -> r.get("userId")).doesNotHaveDuplicates()
                    .allMatch(userId -> userId.startsWith(run + "-gold-"));
            CSVRecord formula = records.stream().filter(r -> r.get("userId").equals(run + "-gold-7")).findFirst()
                    .orElseThrow();
            assertThat(formula.get("name")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
            assertThat(formula.get("email")).isEqualTo("gold-7-" + run + "@example.com");
            assertThat(formula.get("channels")).isEqualTo("web");
            assertThat(formula.get("events")).isEqualTo("1");
            assertThat(Instant.parse(formula.get("lastSeen"))).isAfter(Instant.now().minus(Duration.ofHours(1)));
        }
    }

    private void signIn(String email) {
        browser.get(rapport.base() + "/console/login");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("a long enough passphrase");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private static String identify(String run, String user, String traits) {
        return "{\"type\":\"identify\",\"userId\":\"" + run + "-" + user + "\",\"traits\":" + traits + "}";
    }

    /** A finished download with this extension (Chromium writes to a .crdownload file first). */
    private Path downloaded(String extension) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(path -> path.toString().endsWith(extension)).findFirst().orElse(null);
        }
    }
}
