package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.rapport.collect.IngestMonitor;
import io.rapport.insight.ActivityMessages;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The visitor retention page in real Chromium. Seven visitors in the four weeks from Monday 2002-01-07 (W0 to W3):
 * <pre>
 * ana W0 W1 W3    ben W0 W2    cem W0    dia W0 W1    eli W1 W2    fay W1    gus W2 W3
 * </pre>
 * Cohorts (first seen): W0 = ana, ben, cem, dia; W1 = eli, fay; W2 = gus; W3 nobody. Active in week k:
 * W0 4, 2 (ana, dia), 1 (ben), 1 (ana); W1 2, 1 (eli), 0; W2 1, 1 (gus). Active in week k or later:
 * W0 4, 3 (ana, ben, dia), 2 (ana, ben), 1 (ana); W1 2, 1, 0; W2 1, 1.
 */
@RapportTest
@DirtiesContext
class VisitorRetentionBrowserTest {

    private static final LocalDate W0 = LocalDate.parse("2002-01-07");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("visitor_retention").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    IngestMonitor ingest;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1800);

    @Test
    void the_heatmap_shows_the_cohorts_counted_by_hand_and_a_cell_lists_its_visitors() throws IOException {
        List<String> messages = new ArrayList<>();
        visits(messages, "ana", 0, 1, 3);
        visits(messages, "ben", 0, 2);
        visits(messages, "cem", 0);
        visits(messages, "dia", 0, 1);
        visits(messages, "eli", 1, 2);
        visits(messages, "fay", 1);
        visits(messages, "gus", 2, 3);
        ActivityMessages.sendInBatches(rapport, ingest, rapport.newSource("WEB").writeKey(), messages, 50);

        WebDriver browser = window.driver();
        String marketer = "visitors-" + System.nanoTime() + "@example.com";
        users.create(marketer, "a long enough passphrase", Role.MARKETER);
        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), marketer, "a long enough passphrase");
        browser.get(rapport.base() + "/console/insight/visitors?from=" + W0 + "&to=" + W0.plusDays(27));
        wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-visitors"), "data-drawn",
                "true")));

        assertThat(browser.findElement(By.id("visitor-count")).getText()).startsWith("7 visitors");
        // Cells: week k, cohort row, percent, visitors.
        assertThat(cells(browser)).containsExactly("0 0 100 4", "1 0 50 2", "2 0 25 1", "3 0 25 1",
                "0 1 100 2", "1 1 50 1", "2 1 0 0", "0 2 100 1", "1 2 100 1", "0 3 0 0");
        assertThat(browser.findElements(By.cssSelector("#visitors-table tbody tr")).stream().map(WebElement::getText)
                .toList()).containsExactly("2002-01-07 4 100.0 50.0 25.0 25.0", "2002-01-14 2 100.0 50.0 0.0",
                "2002-01-21 1 100.0 100.0", "2002-01-28 0 0.0");
        Chromium.screenshot(browser, "insight-visitors");

        Charts.click(browser, "chart-visitors", 0, "+1", W0.toString());
        assertThat(drilled(browser, wait, "active in week +1")).containsExactlyInAnyOrder("ana", "dia");

        WebElement variant = browser.findElement(By.id("variant"));
        new Select(variant).selectByValue("in_or_after");
        variant.submit();
        wait.until(Chromium.gone(variant));
        wait.until(Chromium.onCurrentPage(ExpectedConditions.attributeToBe(By.id("chart-visitors"), "data-drawn",
                "true")));
        assertThat(cells(browser)).containsExactly("0 0 100 4", "1 0 75 3", "2 0 50 2", "3 0 25 1",
                "0 1 100 2", "1 1 50 1", "2 1 0 0", "0 2 100 1", "1 2 100 1", "0 3 0 0");

        Charts.click(browser, "chart-visitors", 0, "+2", W0.toString());
        assertThat(drilled(browser, wait, "active in week +2 or later")).containsExactlyInAnyOrder("ana", "ben");
    }

    /** Page views by {@code person} on the Tuesday of each of these weeks after W0. */
    private static void visits(List<String> messages, String person, int... weeks) {
        for (int week : weeks) {
            messages.add(ActivityMessages.page(person, Instant.parse(W0.plusWeeks(week).plusDays(1) + "T10:00:00Z")));
        }
    }

    /** The heatmap's cells as the chart holds them: "k row percent visitors". */
    private static List<String> cells(WebDriver browser) {
        List<?> cells = (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById('chart-visitors')).getOption().series[0].data"
                + ".map(function (c) { return c.join(' '); });");
        return cells.stream().map(String::valueOf).toList();
    }

    /** The persons the drill-down lists once its heading names {@code heading}. */
    private static List<String> drilled(WebDriver browser, WebDriverWait wait, String heading) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#drill-persons h2"), heading));
        return browser.findElements(By.cssSelector("#drill-persons li")).stream().map(WebElement::getText).toList();
    }
}
