package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.rapport.collect.ImportUploads;
import io.rapport.collect.IngestMonitor;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The CX overview on imported data, in real Chromium: a small shop history imported as Segment NDJSON, counted by
 * hand, and the numbers the overview's active-users, cart-abandonment and funnel charts and its channel table show.
 * <p>
 * The history, on two days ten and nine days ago: on the first, {@code a1} (web) views, adds and orders EUR 10;
 * {@code a2} (web) views and adds EUR 20 but does not order; {@code a3} (app) views, adds and orders EUR 30. On the
 * second, {@code a4} (web) views only and {@code a1} looks at a page. So: 3 then 2 active persons; 3 carts of which
 * 1 abandoned (33.33 %); the funnel Product Viewed → Product Added → Order Completed has 4, 3 and 2 persons; web has
 * 4 visits (a1 and a2, then a4 and a1) with 1 order (25 %) and EUR 10, the app 1 visit with 1 order and EUR 30.
 */
@RapportTest
@DirtiesContext
class InsightOverviewBrowserTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("insight_overview").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    IngestMonitor ingest;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 2200);

    private final LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    private final LocalDate second = first.plusDays(1);
    private final List<String> lines = new ArrayList<>();

    @Test
    void the_overview_charts_an_imported_history_with_the_numbers_counted_by_hand() throws IOException {
        visit("a1", first, false, 10, true);
        visit("a2", first, false, 20, false);
        visit("a3", first, true, 30, true);
        visit("a4", second, false, 0, false);
        message("a1", second, 11, "page", null, "", false);
        RapportClient.Response upload = ImportUploads.upload(rapport, "history.ndjson",
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "segment-ndjson", null);
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        JsonNode job = ImportUploads.waitFor(rapport, upload.json().get("id").stringValue(), Duration.ofSeconds(60));
        assertThat(job.get("rowsImported").asLong()).as(job.toString()).isEqualTo(lines.size());
        ImportUploads.waitForConsumers(ingest, Duration.ofSeconds(60));
        RapportClient.Response funnel = rapport.send(java.net.http.HttpRequest.newBuilder(rapport.uri("/api/v1/funnels"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"name":"Shopping","window":"P1D","steps":[{"type":"track","name":"Product Viewed"},
                         {"type":"track","name":"Product Added"},{"type":"track","name":"Order Completed"}]}""")));
        assertThat(funnel.status()).as(funnel.body()).isEqualTo(201);

        WebDriver browser = window.driver();
        String analyst = "overview-" + System.nanoTime() + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);
        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Insight")));
        browser.get(rapport.base() + "/console/insight");
        for (String chart : List.of("chart-active", "chart-abandonment", "chart-funnel")) {
            wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id(chart), "data-drawn", "true")));
        }

        assertThat(seriesAt(browser, "chart-active", 0, first.toString())).isEqualTo(3);
        assertThat(seriesAt(browser, "chart-active", 0, second.toString())).isEqualTo(2);
        assertThat(drawn(browser, "chart-funnel", 0)).containsExactly(4.0, 3.0, 2.0);
        assertThat(drawn(browser, "chart-abandonment", 3)).containsExactly(33.33);
        assertThat(browser.findElement(By.id("overview-channels")).getText())
                .contains("web 4 25.0 EUR 10.00", "app 1 100.0 EUR 30.00");
        Chromium.screenshot(browser, "insight-overview");

        // Each panel's page draws the same chart, larger, with its table.
        for (String page : List.of("active", "abandonment", "channels")) {
            browser.get(rapport.base() + "/console/insight/" + page);
            wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-" + page), "data-drawn",
                    "true")));
            Chromium.screenshot(browser, "insight-" + page);
        }
    }

    /** A visit: a page or screen, a product viewed, and (with a price) added to the cart and perhaps ordered. */
    private void visit(String person, LocalDate day, boolean app, int price, boolean orders) {
        message(person, day, 10, app ? "screen" : "page", null, "", app);
        message(person, day, 10, "track", "Product Viewed", "\"product_id\":\"p1\"", app);
        if (price > 0) {
            message(person, day, 10, "track", "Product Added", "\"cart_id\":\"c-" + person
                    + "\",\"product_id\":\"p1\",\"price\":" + price + ",\"quantity\":1,\"currency\":\"EUR\"", app);
        }
        if (orders) {
            message(person, day, 10, "track", "Order Completed", "\"order_id\":\"o-" + person
                    + "\",\"cart_id\":\"c-" + person + "\",\"total\":" + price + ",\"currency\":\"EUR\"", app);
        }
    }

    private void message(String person, LocalDate day, int hour, String type, String event, String properties,
            boolean app) {
        String context = app
                ? "{\"app\":{\"name\":\"Shop\"},\"library\":{\"name\":\"analytics-ios\",\"version\":\"4.1.8\"}}"
                : "{\"userAgent\":\"Mozilla/5.0\",\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"}}";
        lines.add("{\"type\":\"" + type + "\",\"messageId\":\"overview-" + lines.size() + "\",\"anonymousId\":\""
                + person + "\",\"timestamp\":\"" + day + "T" + hour + ":" + String.format("%02d", lines.size() % 60)
                + ":00Z\"" + (event == null ? ",\"name\":\"Shop\"" : ",\"event\":\"" + event + "\"")
                + ",\"properties\":{" + properties + "},\"context\":" + context + "}");
    }

    /** The value a chart's series draws at a category of its x axis. */
    private static double seriesAt(WebDriver browser, String chart, int series, String category) {
        Object value = ((JavascriptExecutor) browser).executeScript("const o = echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption();"
                + "return o.series[arguments[1]].data[o.xAxis[0].data.indexOf(arguments[2])];", chart, series, category);
        return ((Number) value).doubleValue();
    }

    /** The values a chart's series draws, without its gaps. */
    private static List<Double> drawn(WebDriver browser, String chart, int series) {
        List<?> values = (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().series[arguments[1]].data"
                + ".filter(function (v) { return v !== '-' && v !== null; });", chart, series);
        return values.stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
