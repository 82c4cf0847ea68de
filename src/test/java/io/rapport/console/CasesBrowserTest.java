package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rapport.feedback.FeedbackReceived;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.TextAnalysis;
import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.ChromiumWindow;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An agent finds their case on the follow-up board, reads the customer's history on the case page, notes a call and
 * moves the case to resolved on the board, in real Chromium.
 */
@RapportTest
class CasesBrowserTest {

    private static final String PASSWORD = "a long enough passphrase";

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    FollowUpCases cases;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1360, 1100);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void an_agent_notes_a_call_and_moves_their_case_to_resolved_on_the_board() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        User agent = users.create("agent-" + run + "@example.com", PASSWORD, Role.AGENT);
        List<FollowUpCases.RuleSettings> rules = cases.rules().stream().map(r -> new FollowUpCases.RuleSettings(
                r.kind().name(), r.enabled(), r.maxScore(), r.maxSentimentScore(), agent.email(), null,
                "P2D")).toList();
        cases.saveRules(rules);
        String user = "buyer-" + run;
        String writeKey = rapport.newSource("WEB").writeKey();
        send(writeKey, "/v1/identify", "{\"userId\":\"" + user + "\",\"traits\":{\"firstName\":\"Lina\","
                + "\"lastName\":\"Berg\",\"email\":\"lina." + run + "@example.com\"}}");
        send(writeKey, "/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Order Completed\","
                + "\"properties\":{\"order_id\":\"B-" + run + "\",\"total\":30,\"currency\":\"EUR\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> rapport.get("/api/v1/customers?userId=" + user).json()
                .get("items").size() == 1);
        transactions.executeWithoutResult(status -> publisher.publishEvent(new FeedbackReceived(UUID.randomUUID(),
                "review", "shop/" + run, "user:" + user, null, null, 1, "The lamp arrived broken and support never "
                + "answered", new TextAnalysis("en", TextAnalysis.sentimentOf(-0.8), -0.8, List.of()), "web",
                "B-" + run, null, Instant.now())));
        FollowUpCase opened = cases.find(new FollowUpCases.Query(null, agent.id(), null, null, null, 10, null))
                .items().getFirst();

        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), agent.email(), PASSWORD);
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Follow-up cases"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-board")));
        browser.findElement(By.name("mine")).click();
        WebElement show = browser.findElement(By.cssSelector("#case-filters button"));
        show.click();
        wait.until(Chromium.gone(show));
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-time-to-close"), "data-drawn", "true")));
        WebElement card = card("open", opened);
        assertThat(card.getText()).contains("#" + opened.number() + " · Lina Berg", "rating 1 · negative",
                "The lamp arrived broken", agent.email(), "due in 47 h");
        assertThat(browser.findElements(By.cssSelector("#column-open .case-card"))).as("only mine").hasSize(1);
        screenshot("cases-board.png");

        card.findElement(By.partialLinkText("#" + opened.number())).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-title")));
        assertThat(browser.findElement(By.id("trigger")).getText()).contains("SENTIMENT", "negative (-0.80)",
                "B-" + run, "The lamp arrived broken");
        assertThat(browser.findElement(By.id("history")).getText()).contains("Order B-" + run + " placed");
        assertThat(browser.findElement(By.id("email")).getText()).as("this Rapport has no SMTP server")
                .contains("No mail server is configured (spring.mail.host)");
        browser.findElement(By.id("note")).sendKeys("Called Lina, a new lamp is on its way.");
        browser.findElement(By.cssSelector("#note-form button")).click();
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.textToBePresentInElementLocated(By.id("notes"), "a new lamp is on its way")));
        screenshot("case.png");

        browser.findElement(By.partialLinkText("Follow-up cases")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-board")));
        browser.findElement(By.name("mine")).click();
        show = browser.findElement(By.cssSelector("#case-filters button"));
        show.click();
        wait.until(Chromium.gone(show));
        WebElement resolve = card("open", opened).findElement(By.xpath(".//button[text()='Resolve']"));
        resolve.click();
        wait.until(Chromium.gone(resolve));
        assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText())
                .isEqualTo("Case #" + opened.number() + " is resolved.");
        assertThat(card("resolved", opened).getText()).contains("#" + opened.number(), "Reopen");
        assertThat(browser.findElement(By.name("mine")).isSelected()).as("the board keeps its filter").isTrue();
        assertThat(browser.findElements(By.cssSelector("#column-open [data-case='" + opened.id() + "']"))).isEmpty();
        FollowUpCase resolved = cases.find(opened.id()).orElseThrow();
        assertThat(resolved.timeToClose()).isNotNull();
        assertThat(cases.notes(opened.id())).extracting(n -> n.text()).containsExactly(
                "Called Lina, a new lamp is on its way.", "Status: open → resolved.");
        screenshot("cases-board-resolved.png");
    }

    private WebElement card(String column, FollowUpCase followUp) {
        return browser.findElement(By.cssSelector("#column-" + column + " [data-case='" + followUp.id() + "']"));
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
