package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/** An analyst filters the feedback inbox by sentiment, then by a topic of the chart, in real Chromium. */
@RapportTest
class FeedbackBrowserTest {

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
    void an_analyst_filters_the_inbox_by_sentiment_and_by_a_topic_of_the_chart() throws IOException {
        String marker = "ref" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String user = "reviewer-" + marker;
        String writeKey = rapport.newSource("WEB").writeKey();
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        send(writeKey, "/v1/identify", "{\"userId\":\"" + user + "\",\"timestamp\":\"" + day + "\",\"traits\":"
                + "{\"firstName\":\"Rui\",\"lastName\":\"Costa\"}}");
        List<String> reviews = List.of("Terrible delivery, very disappointed, the box was broken",
                "Great price and fast delivery", "Awful website, checkout keeps failing",
                "Lovely quality, I am very happy");
        for (int i = 0; i < reviews.size(); i++) {
            send(writeKey, "/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Product Reviewed\",\"timestamp\":\""
                    + day.plus(i, ChronoUnit.DAYS) + "\",\"properties\":{\"rating\":" + (i % 2 == 0 ? 1 : 5)
                    + ",\"review_body\":" + JsonMapper.shared().writeValueAsString(reviews.get(i) + " " + marker)
                    + "}}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/feedback?q=" + marker).json()
                .get("items").size() == reviews.size());
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/customers?userId=" + user).json()
                .get("items").size() == 1);
        String analyst = "analyst-" + marker + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);

        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Feedback"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("feedback-filters")));

        browser.findElement(By.id("q")).sendKeys(marker);
        new Select(browser.findElement(By.id("sentiment"))).selectByVisibleText("Negative");
        WebElement show = browser.findElement(By.cssSelector("#feedback-filters button"));
        show.click();
        wait.until(Chromium.gone(show));
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-sentiment"), "data-drawn", "true")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#feedback tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".badge.sentiment")).getText())
                .isEqualTo("Negative"));
        String list = browser.findElement(By.id("feedback")).getText();
        assertThat(list.indexOf("Awful website")).as("newest first").isLessThan(list.indexOf("Terrible delivery"));
        assertThat(list).doesNotContain("Great price", "Lovely quality").contains(user, "Review", "website");
        screenshot("feedback-negative.png");

        // A click on the topic chart's "website" bar adds that topic to the filters.
        ((JavascriptExecutor) browser).executeScript("""
                const chart = echarts.getInstanceByDom(document.getElementById('chart-topics'));
                const names = chart.getOption().yAxis[0].data;
                chart.trigger('click', {componentType: 'series', seriesType: 'bar', dataIndex: names.indexOf('website')});""");
        wait.until(ExpectedConditions.urlContains("topic=website"));
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-sentiment"), "data-drawn", "true")));
        assertThat(new Select(browser.findElement(By.id("topic"))).getFirstSelectedOption().getText())
                .isEqualTo("website");
        rows = browser.findElements(By.cssSelector("#feedback tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).contains("Awful website");

        rows.getFirst().findElement(By.linkText(user)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-name")));
        assertThat(browser.findElement(By.id("customer-name")).getText()).isEqualTo("Rui Costa");

        browser.navigate().back();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("topic-rules"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rules")));
        assertThat(browser.findElements(By.cssSelector("#rules input[name=topic]"))).extracting(e -> e.getDomProperty("value"))
                .contains("delivery", "website", "");
        screenshot("feedback-topics.png");
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
