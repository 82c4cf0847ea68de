package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rapport.collect.HourlyEventCounts;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh install used in real Chromium, from the first page to an event in the debugger: the acceptance test
 * of the console. Needs Debian's {@code chromium} and {@code chromium-driver}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("browser").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    HourlyEventCounts hourlyCounts;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1000);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void a_new_admin_sets_up_rapport_creates_a_source_and_sees_its_first_event_in_the_debugger() throws IOException {
        RapportClient rapport = new RapportClient(port);
        String email = "ana@example.com";
        String password = "a long enough passphrase";

        open("/console");
        arriveAt("/console/setup");
        type("email", email);
        type("password", password);
        type("confirm", password);
        submit();

        arriveAt("/console/login?setupDone");
        assertThat(text("main")).contains("Your administrator account is ready");
        type("username", email);
        type("password", password);
        submit();

        arriveAt("/console");
        browser.findElement(By.linkText("Add a source")).click();
        type("name", "Web shop");
        new Select(browser.findElement(By.id("type"))).selectByVisibleText("Web");
        submit();

        assertThat(text("h1")).isEqualTo("Web shop");
        String writeKey = text("#write-key");
        assertThat(text("#snippet-js")).contains("writeKey: '" + writeKey + "'", "cdnURL: '" + rapport.base() + "'");
        screenshot("source");

        browser.findElement(By.id("open-debugger")).click();
        assertThat(text("#events")).contains("No events yet");
        String event = "Browser Test " + UUID.randomUUID();
        assertThat(rapport.track("/v1/track", writeKey,
                "{\"userId\":\"shopper-1\",\"event\":\"" + event + "\",\"properties\":{\"revenue\":19.99}}")
                .status()).isEqualTo(200);

        WebElement row = waitFor(By.xpath("//td[contains(@class,'event-name') and text()='" + event + "']"));
        row.click();
        WebElement payload = waitFor(By.cssSelector("tbody.event.open .payload-row pre"));
        assertThat(payload.getText()).contains("\"event\" : \"" + event + "\"", "\"revenue\" : 19.99");
        screenshot("debugger");

        assertThat(rapport.track("/v1/track", writeKey, "{\"event\":\"Nobody Did This\"}").status())
                .isEqualTo(400);
        browser.findElement(By.id("tab-failed")).click();
        WebElement reason = waitFor(By.cssSelector("td.reason"));
        assertThat(reason.getText()).isEqualTo("Every message needs a userId or an anonymousId.");
        reason.click();
        assertThat(waitFor(By.cssSelector("tbody.event.open .payload-row pre")).getText()).contains("Nobody Did This");
        screenshot("failed-events");

        assertThat(rapport.track("/v1/batch", writeKey, """
                {"batch": [
                  {"type": "page", "anonymousId": "visitor-1", "name": "Checkout"},
                  {"type": "identify", "userId": "shopper-1", "traits": {"email": "shopper@example.com"}},
                  {"type": "track", "userId": "shopper-1", "event": "Order Completed"}
                ]}""").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hourlyCounts.since(Instant.now().minus(Duration.ofHours(1))).size() >= 3);
        browser.findElement(By.cssSelector("nav a[href$='/console/system']")).click();
        waitFor(By.cssSelector("#chart-rate canvas"));
        waitFor(By.cssSelector("#chart-hourly canvas"));
        assertThat(text("#consumers")).contains("collect.hourly-counts");
        screenshot("system");

        String messages = IntStream.range(0, 60)
                .mapToObj(i -> "{\"type\":\"track\",\"userId\":\"shopper-2\",\"event\":\"Product Viewed %02d\"}"
                        .formatted(i))
                .collect(Collectors.joining(","));
        assertThat(rapport.track("/v1/batch", writeKey, "{\"batch\":[" + messages + "]}").status()).isEqualTo(200);
        browser.findElement(By.cssSelector("nav a[href$='/console/sources']")).click();
        browser.findElement(By.linkText("Web shop")).click();
        browser.findElement(By.id("open-debugger")).click();
        waitFor(By.id("older-events")).click();
        WebElement older = waitFor(By.xpath("//td[contains(@class,'event-name') and text()='" + event + "']"));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(
                By.cssSelector(".live-state"), "Not refreshing while older events are shown"));
        assertThat(text("#events-note")).contains("stopped refreshing");
        older.click();
        assertThat(waitFor(By.cssSelector("tbody.event.open .payload-row pre")).getText()).contains(event);
        screenshot("debugger-older");

        browser.findElement(By.cssSelector("nav a[href$='/console/users']")).click();
        type("email", "olga@example.com");
        type("password", "another long passphrase");
        new Select(browser.findElement(By.id("role"))).selectByValue("ANALYST");
        browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();
        expectNotice("olga@example.com can now sign in as Analyst");
        WebElement olga = browser.findElement(By.cssSelector("tr[data-user='olga@example.com']"));
        new Select(olga.findElement(By.tagName("select"))).selectByValue("MARKETER");
        olga.findElement(By.xpath(".//button[text()='Change']")).click();
        expectNotice("olga@example.com now has the role Marketer");
        assertThat(text("tr[data-user='" + email + "']")).contains("This is you");
        screenshot("users");
        browser.findElement(By.cssSelector("tr[data-user='olga@example.com']"))
                .findElement(By.xpath(".//button[text()='Remove']")).click();
        assertThat(browser.switchTo().alert().getText()).contains("Remove olga@example.com?");
        browser.switchTo().alert().accept();
        expectNotice("olga@example.com was removed");
        assertThat(text("#users")).doesNotContain("olga@example.com");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Waits for the browser to show {@code path}, and says what the page showed instead if it does not. */
    private void arriveAt(String path) {
        String url = "http://localhost:" + port + path;
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url));
        } catch (TimeoutException e) {
            throw new AssertionError("Expected " + url + " but the browser shows " + browser.getCurrentUrl()
                    + " with: " + text("main"), e);
        }
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Submits the page's form and waits until the browser has left the page, so no read hits the old one. */
    private void submit() {
        WebElement button = browser.findElement(By.cssSelector("main form button[type=submit]"));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(Chromium.gone(button));
    }

    /** The text of an element; read again when a live refresh replaced it between finding and reading. */
    private String text(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector(css)).getText());
    }

    /** Waits for the page a post leads to and its notice: until then the page before may still show its own. */
    private void expectNotice(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(Chromium.onCurrentPage(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), expected)));
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        // Let charts finish their entry animation and htmx its swap.
        try {
            Thread.sleep(1200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The whole page, not only the window: the screenshots illustrate the documentation.
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(height, 900)));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(window);
    }
}
