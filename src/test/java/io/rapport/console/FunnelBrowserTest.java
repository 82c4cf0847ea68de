package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.IngestMonitor;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An analyst builds a funnel in real Chromium from the event names seen: the preview and the saved funnel's chart show
 * the persons of each step, and a click on a step's bar lists who stopped after it.
 */
@RapportTest
class FunnelBrowserTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    IngestMonitor ingest;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1400);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void an_analyst_builds_a_funnel_and_sees_who_dropped_off() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = rapport.newSource("WEB").writeKey();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        // ana: viewed, added, bought; ben: viewed, added; cy: viewed.
        track(writeKey, "ana-" + run, "Viewed-" + run, start);
        track(writeKey, "ana-" + run, "Added-" + run, start.plusSeconds(60));
        track(writeKey, "ana-" + run, "Bought-" + run, start.plusSeconds(600));
        track(writeKey, "ben-" + run, "Viewed-" + run, start);
        track(writeKey, "ben-" + run, "Added-" + run, start.plusSeconds(120));
        track(writeKey, "cy-" + run, "Viewed-" + run, start);
        long head = ingest.status().logHead();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.status().consumers().stream()
                .filter(c -> c.name().equals("insight.funnel-events") || c.name().equals("customer.identity"))
                .allMatch(c -> c.position() >= head));
        String analyst = "funnels-" + run + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);

        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Insight")));
        browser.get(rapport.base() + "/console/insight");
        browser.findElement(By.cssSelector("#insight-funnels a")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-funnel"))).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("funnel-builder")));
        assertThat(browser.findElements(By.cssSelector("#known-names option")).stream()
                .map(o -> o.getAttribute("value")).toList()).contains("Viewed-" + run, "Added-" + run, "Bought-" + run);
        browser.findElement(By.id("name")).sendKeys("Purchase " + run);
        browser.findElement(By.id("steps0.name")).sendKeys("Viewed-" + run);
        browser.findElement(By.id("steps1.name")).sendKeys("Added-" + run);
        browser.findElement(By.id("steps2.name")).sendKeys("Bought-" + run);
        WebElement amount = browser.findElement(By.id("windowAmount"));
        amount.clear();
        amount.sendKeys("1");
        browser.findElement(By.id("preview-funnel")).click();
        wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-preview"), "data-drawn", "true")));
        assertThat(persons("chart-preview")).containsExactly(3L, 2L, 1L);

        browser.findElement(By.id("save-funnel")).click();
        wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-funnel"), "data-drawn", "true")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Purchase " + run);
        assertThat(persons("chart-funnel")).containsExactly(3L, 2L, 1L);
        assertThat(browser.findElement(By.id("funnel-steps")).getText()).contains("66.67 %", "33.33 %", "50.0 %");
        assertThat(browser.findElement(By.id("funnel-breakdown")).getText()).contains("web 3 2 1 33.33 %");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "fetch(document.getElementById('funnel-export').href).then(r => r.text()).then(done);");
        assertThat(csv).startsWith("group,step,label,persons").contains("all,2,Added-" + run + ",2,66.67,66.67,");

        // The bar of step 2: ben added to the cart but did not buy.
        WebElement chart = browser.findElement(By.id("chart-funnel"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        List<?> pixel = (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "arguments[0]).convertToPixel({seriesIndex: 0}, ['Added-" + run + "', 1]);", chart);
        new Actions(browser).moveToElement(chart, (int) Math.round(((Number) pixel.get(0)).doubleValue()
                - chart.getSize().getWidth() / 2.0), (int) Math.round(((Number) pixel.get(1)).doubleValue()
                - chart.getSize().getHeight() / 2.0)).click().perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-dropoff")));
        WebElement ben = browser.findElement(By.cssSelector("#drill-dropoff td a"));
        assertThat(ben.getText()).isEqualTo("ben-" + run);
        assertThat(browser.findElements(By.cssSelector("#drill-dropoff tbody tr"))).hasSize(1);
    }

    private List<Long> persons(String chartId) {
        List<?> data = (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().series[0].data;", chartId);
        return data.stream().map(v -> ((Number) v).longValue()).toList();
    }

    private void track(String writeKey, String user, String event, Instant at) {
        RapportClient.Response response = rapport.track("/v1/track", writeKey, "{\"userId\":\"" + user
                + "\",\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
