package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
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

/** An agent finds a customer by part of their email and sees the whole profile, in real Chromium. */
@RapportTest
class CustomerBrowserTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    Chromium chromium;
    WebDriver browser;

    @BeforeEach
    void openChromium() throws IOException {
        chromium = Chromium.start(options -> options.addArguments("--window-size=1360,1000"));
        browser = chromium.driver();
    }

    @AfterEach
    void closeChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
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

        browser.get(rapport.base() + "/console/login");
        browser.findElement(By.id("username")).sendKeys(agent);
        browser.findElement(By.id("password")).sendKeys("a long enough passphrase");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
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
}
