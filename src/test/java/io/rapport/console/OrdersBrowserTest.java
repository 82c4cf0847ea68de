package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** An analyst finds a customer's orders, opens one, and goes on to the customer, in real Chromium. */
@RapportTest
class OrdersBrowserTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1100);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void an_analyst_goes_from_the_orders_to_an_order_and_on_to_its_customer() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "buyer-" + run;
        String writeKey = rapport.newSource("WEB").writeKey();
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(6, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        send(writeKey, "/v1/identify", "{\"userId\":\"" + user + "\",\"timestamp\":\"" + day + "\",\"traits\":"
                + "{\"firstName\":\"Mira\",\"lastName\":\"Lund\",\"email\":\"mira." + run + "@example.com\"}}");
        for (int i = 0; i < 5; i++) {
            Instant at = day.plus(i, ChronoUnit.DAYS);
            send(writeKey, "/v1/track", order(user, "Order Completed", "W" + i + "-" + run, at,
                    ",\"total\":" + (20 + 7 * i) + ".90,\"currency\":\"EUR\",\"affiliation\":\"Web shop\","
                            + "\"coupon\":\"SUMMER\",\"products\":[{\"product_id\":\"mug\",\"name\":\"Blue mug\","
                            + "\"sku\":\"MUG-B\",\"price\":8.95,\"quantity\":2},{\"product_id\":\"tea\","
                            + "\"name\":\"Green tea\",\"price\":" + (3 + 7 * i) + ",\"quantity\":1}]"));
        }
        String refunded = "W3-" + run;
        Instant beforeOrder = day.plus(3, ChronoUnit.DAYS).minusSeconds(60);
        send(writeKey, "/v1/track", order(user, "Coupon Applied", refunded, beforeOrder,
                ",\"coupon_id\":\"SUMMER\",\"coupon_name\":\"Summer sale\",\"discount\":2"));
        send(writeKey, "/v1/track", order(user, "Order Refunded", refunded, day.plus(4, ChronoUnit.DAYS),
                ",\"products\":[{\"product_id\":\"mug\",\"price\":8.95,\"quantity\":1}]"));
        send(writeKey, "/v1/track", order(user, "Order Cancelled", "W4-" + run, day.plus(5, ChronoUnit.DAYS), ""));
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/orders?userId=" + user
                + "&status=cancelled").json().get("items").size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/customers?userId=" + user).json()
                .get("items").size() == 1);
        String analyst = "analyst-" + run + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);

        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Orders"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-filters")));
        screenshot("orders-all.png");

        browser.findElement(By.id("customer")).sendKeys(user);
        WebElement show = browser.findElement(By.cssSelector("#order-filters button"));
        show.click();
        wait.until(Chromium.gone(show));
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-orders"), "data-drawn", "true")));
        String list = browser.findElement(By.id("orders")).getText();
        assertThat(list).contains("W0-" + run, "W4-" + run, "Cancelled", "Partly refunded", "48.90 EUR", user);
        assertThat(list.indexOf("W4-" + run)).as("newest first").isLessThan(list.indexOf("W0-" + run));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Orders of Mira Lund");
        screenshot("orders.png");

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Partly refunded");
        show = browser.findElement(By.cssSelector("#order-filters button"));
        show.click();
        wait.until(Chromium.gone(show));
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).hasSize(1);

        browser.findElement(By.linkText(refunded)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-id")));
        assertThat(browser.findElement(By.id("order-id")).getText()).isEqualTo(refunded);
        assertThat(browser.findElement(By.id("order-status")).getText()).isEqualTo("Partly refunded");
        assertThat(browser.findElement(By.id("order-lines")).getText()).contains("Blue mug", "MUG-B", "17.90 EUR",
                "Green tea", "24.00 EUR");
        assertThat(browser.findElement(By.id("order-amounts")).getText()).contains("Total", "41.90 EUR", "Refunded",
                "8.95 EUR");
        assertThat(browser.findElement(By.id("order-refunds")).getText()).contains("8.95 EUR");
        assertThat(browser.findElement(By.id("order-coupons")).getText()).contains("Summer sale (SUMMER)", "applied",
                "2.00 EUR");
        String history = browser.findElement(By.id("order-history")).getText();
        assertThat(history.indexOf("Completed")).isLessThan(history.indexOf("Refunded 8.95 EUR"));
        screenshot("order.png");

        browser.findElement(By.id("customer-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-name")));
        assertThat(browser.findElement(By.id("customer-name")).getText()).isEqualTo("Mira Lund");
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("Order W4-" + run + " cancelled", "Order " + refunded + " refunded · 8.95 EUR",
                "Order W0-" + run + " placed · 20.90 EUR");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("timeline")));
        screenshot("customer-timeline.png");
    }

    private static String order(String user, String event, String orderId, Instant at, String more) {
        return "{\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\","
                + "\"properties\":{\"order_id\":\"" + orderId + "\"" + more + "}}";
    }

    private void send(String writeKey, String path, String body) {
        RapportClient.Response response = rapport.track(path, writeKey, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private void screenshot(String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
