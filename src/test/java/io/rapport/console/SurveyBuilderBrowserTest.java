package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.SurveyTestConfiguration;
import io.rapport.feedback.Surveys;
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
import org.springframework.context.annotation.Import;
import tools.jackson.databind.node.IntNode;

/**
 * An analyst builds an NPS survey in real Chromium, watches the live preview follow an edit and a chosen score,
 * saves and activates it; after ten answers the results page shows the NPS and draws its charts.
 */
@RapportTest
@Import(SurveyTestConfiguration.class)
class SurveyBuilderBrowserTest {

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @RegisterExtension
    final ChromiumWindow window = new ChromiumWindow(1440, 1100);
    WebDriver browser;

    @BeforeEach
    void useWindow() {
        browser = window.driver();
    }

    @Test
    void an_analyst_builds_previews_saves_and_activates_a_survey_and_reads_its_results() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String analyst = "builder-" + run + "@example.com";
        users.create(analyst, "a long enough passphrase", Role.ANALYST);
        WebDriverWait wait = ConsoleSession.signIn(browser, rapport.base(), analyst, "a long enough passphrase");
        wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Surveys"))).click();
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-type")))).selectByValue("NPS");
        browser.findElement(By.id("new-survey-button")).click();

        wait.until(d -> preview().contains("How likely are you to recommend us to a friend or colleague?"));
        String name = "Tea NPS " + run;
        WebElement nameField = browser.findElement(By.id("name"));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement scoreText = browser.findElement(By.id("q0-text-en"));
        scoreText.clear();
        scoreText.sendKeys("How likely are you to recommend Tea & Co?");
        wait.until(d -> preview().contains("How likely are you to recommend Tea & Co?"));
        assertThat(preview()).doesNotContain("to a friend or colleague");
        nameField.clear();
        wait.until(d -> browser.findElement(By.cssSelector(".field-error[data-field='name']")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector(".field-error[data-field='name']")).getText())
                .startsWith("Give the survey a name");
        assertThat(browser.findElement(By.id("preview-stage")).getAttribute("class")).contains("stale");
        nameField.sendKeys(name);
        wait.until(d -> !browser.findElement(By.cssSelector(".field-error[data-field='name']")).isDisplayed());
        new Select(browser.findElement(By.id("previewScore"))).selectByValue("3");
        wait.until(d -> preview().contains("We're sorry to hear that. What is the main reason for your score?"));
        assertThat(preview()).doesNotContain("Great to hear!");
        screenshot("survey-builder.png");

        browser.findElement(By.id("save")).click();
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"),
                "was saved as a draft")));
        Survey survey = surveys.list(null).stream().filter(s -> s.definition().name().equals(name)).findFirst()
                .orElseThrow();
        assertThat(survey.definition().questions().getFirst().text().in("en"))
                .isEqualTo("How likely are you to recommend Tea & Co?");
        assertThat(invitations.list(survey.id(), null, 10, null).items()).as("the preview invites nobody").isEmpty();

        browser.findElement(By.linkText("Surveys")).click();
        browser.findElement(By.cssSelector("tr[data-survey='" + survey.id() + "'] form[action$='/activate'] button"))
                .click();
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "is active")));
        assertThat(surveys.find(survey.id()).orElseThrow().status()).isEqualTo(SurveyStatus.ACTIVE);

        // Promoters 10, 9, 9, 9, 10 (5); passives 8, 7 (2); detractors 6, 3, 0 (3): NPS = 50% − 30% = +20.
        for (int score : new int[] {10, 9, 9, 9, 8, 7, 6, 3, 10, 0}) {
            Invitation invitation = invitations.open(survey.id(), SurveyInvitations.LINK, null, "en", null, null);
            responses.answer(invitation.token(), new SurveyResponses.Submission(Map.of("score",
                    IntNode.valueOf(score)), "en", false));
        }
        browser.findElement(By.linkText(name)).click();
        wait.until(Chromium.onCurrentPage(
                ExpectedConditions.attributeToBe(By.id("chart-distribution"), "data-drawn", "true")));
        assertThat(browser.findElement(By.id("headline-value")).getText()).isEqualTo("+20");
        assertThat(series("chart-distribution", 0)).isEqualTo(List.of(1L, 0L, 0L, 1L, 0L, 0L, 1L, 1L, 1L, 3L, 2L));
        List<?> trendCounts = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('chart-trend'))"
                + ".getOption().series[0].data;");
        assertThat(trendCounts.getLast()).isEqualTo(10L);
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-trend'))"
                + ".getOption().series[1].data.slice(-1)[0];")).isEqualTo(20L);
        screenshot("survey-results.png");
    }

    /** The text of every step the preview draws (inside the widget's shadow root). */
    private String preview() {
        Object text = js("const s = document.getElementById('preview-stage');"
                + "return s && s.shadowRoot ? s.shadowRoot.textContent : '';");
        return String.valueOf(text);
    }

    private List<Long> series(String chart, int index) {
        List<?> values = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('" + chart + "'))"
                + ".getOption().series[" + index + "].data.map(function (d) { return d.value; });");
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
