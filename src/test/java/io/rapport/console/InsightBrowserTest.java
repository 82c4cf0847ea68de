package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.Survey;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An analyst opens the CX overview in real Chromium: the charts show the numbers of the responses and orders sent,
 * a click on the NPS point lists its responses, and a click on a heatmap cell lists the cohort's buyers.
 */
@RapportTest
@DirtiesContext
class InsightBrowserTest {

    /** A database of its own, so that the pooled figures are exactly this test's. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("insight").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1400);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void the_overview_charts_the_metrics_and_drills_down_to_people() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Survey.Id survey = nps();
        for (int score : new int[] {10, 9, 0}) {
            Invitation invitation = invitations.open(survey, SurveyInvitations.LINK, null, "en", null, null);
            responses.answer(invitation.token(), new SurveyResponses.Submission(Map.of("score",
                    JsonMapper.shared().getNodeFactory().numberNode(score)), null, false));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate cohort = today.withDayOfMonth(1).minusMonths(1);
        String writeKey = rapport.newSource("WEB").writeKey();
        order(writeKey, "loyal-" + run, "L1-" + run, cohort.plusDays(1));
        order(writeKey, "loyal-" + run, "L2-" + run, today.withDayOfMonth(1));
        order(writeKey, "once-" + run, "O1-" + run, cohort.plusDays(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/metrics/retention?from=" + cohort)
                .json().get("buyers").asLong() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> rapport.get("/api/v1/customers?userId=loyal-" + run)
                .json().get("items").size() == 1);
        String analyst = "insight-" + run + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);

        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Insight")));
        browser.get(rapport.base() + "/console/insight?from=" + cohort + "&to=" + today);
        wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-nps"), "data-drawn", "true")));
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-retention"), "data-drawn", "true")));

        // 2 promoters and 1 detractor of 3: NPS 33.33, the last point of the trend (today's period).
        List<?> nps = (List<?>) script("return echarts.getInstanceByDom(document.getElementById('chart-nps'))"
                + ".getOption().series[2].data.filter(function (v) { return v !== '-'; });");
        assertThat(nps).hasSize(1);
        assertThat(((Number) nps.getFirst()).doubleValue()).isEqualTo(33.33);
        List<?> band = (List<?>) script("return echarts.getInstanceByDom(document.getElementById('chart-nps'))"
                + ".getOption().series[1].data.filter(function (v) { return v !== '-'; });");
        assertThat(band).hasSize(1);
        assertThat(((Number) band.getFirst()).doubleValue()).isGreaterThan(0);
        // Cohort of last month: both buyers in month +0, one of them (50 %) in month +1.
        List<?> cells = (List<?>) script("return echarts.getInstanceByDom(document.getElementById('chart-retention'))"
                + ".getOption().series[0].data.map(function (c) { return c.join(' '); });");
        assertThat(cells.stream().map(String::valueOf).toList()).containsExactly("0 0 100 2", "1 0 50 1", "0 1 0 0");

        Charts.click(browser, "chart-nps", 2, script("return echarts.getInstanceByDom(document.getElementById("
                + "'chart-nps')).getOption().xAxis[0].data.length - 1;"), 33.33);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-responses")));
        assertThat(browser.findElements(By.cssSelector("#drill-responses tbody tr"))).hasSize(3);

        Charts.click(browser, "chart-retention", 0, "+1", cohort.toString().substring(0, 7));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-buyers")));
        WebElement buyer = browser.findElement(By.cssSelector("#drill-buyers a"));
        assertThat(buyer.getText()).isEqualTo("loyal-" + run);
        buyer.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-name")));

        browser.get(rapport.base() + "/console/insight/nps?from=" + cohort + "&to=" + today);
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-metric"), "data-drawn", "true")));
        assertThat(browser.findElement(By.id("metric-formula")).getText()).contains("promoters (9–10)");
        assertThat(browser.findElement(By.cssSelector("#metric-table tfoot")).getText())
                .contains("All days 3 33.33", "0:1 9:1 10:1");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "fetch(document.getElementById('metric-export').href).then(r => r.text()).then(done);");
        assertThat(csv).startsWith("period,n,value,low,high,share,counts").contains(",3,33.33,");

        browser.get(rapport.base() + "/console/insight/retention?from=" + cohort + "&to=" + today);
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-retention"), "data-drawn", "true")));
        assertThat(browser.findElement(By.id("repeat-rate")).getText()).contains("50.0 %", "1 of 2 buyers");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private Survey.Id nps() {
        String definition = """
                {"name":"Overview NPS","type":"NPS","defaultLanguage":"en","languages":["en"],
                 "questions":[{"id":"score","kind":"score"}]}""";
        RapportClient.Response created = post("/api/v1/surveys", definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        assertThat(post("/api/v1/surveys/" + id + "/activate", "").status()).isEqualTo(200);
        return new Survey.Id(UUID.fromString(id));
    }

    private RapportClient.Response post(String path, String body) {
        return rapport.send(java.net.http.HttpRequest.newBuilder(rapport.uri(path))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    private void order(String writeKey, String user, String orderId, LocalDate day) {
        RapportClient.Response response = rapport.track("/v1/track", writeKey, "{\"userId\":\"" + user
                + "\",\"event\":\"Order Completed\",\"timestamp\":\"" + day + "T10:00:00Z\",\"properties\":"
                + "{\"order_id\":\"" + orderId + "\",\"total\":12,\"currency\":\"EUR\"}}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
