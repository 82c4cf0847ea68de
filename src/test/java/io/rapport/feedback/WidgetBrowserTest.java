package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.rapport.testing.Chromium;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.ShopServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The survey widget on a shop's page in real Chromium, next to Segment's analytics.js (analytics-next, vendored in
 * {@code src/test/resources/analytics-next/}): an order tracked by analytics.js invites the signed-in shopper, the
 * widget shows the survey on their next page in the browser's language, and the shopper answers with the keyboard
 * alone. Needs Debian's {@code chromium} and {@code chromium-driver}.
 */
@RapportTest
class WidgetBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired
    RapportClient rapport;

    WebDriver browser;

    @Test
    void an_order_tracked_by_analytics_js_brings_the_survey_on_the_next_page_and_it_is_answered_with_the_keyboard()
            throws IOException {
        SurveyApi api = new SurveyApi(rapport);
        Survey.Id survey = api.createActive(SurveyApi.nps("""
                ,"triggers":[{"type":"event","event":"Order Completed","delayDays":0,"channel":"web"}],
                 "appearance":{"position":"bottom-right","delaySeconds":1,"primaryColor":"#0f766e"}"""));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String userId = "shopper-" + run;
        String orderId = "order-" + run;
        try (ShopServer shop = startShop(rapport.newSource("WEB").writeKey(), userId, orderId);
                Chromium chromium = Chromium.start(options -> {
                    options.addArguments("--window-size=1280,800", "--lang=pt-BR");
                    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "pt-BR"));
                })) {
            browser = chromium.driver();
            answerOnTheNextPage(api, survey, shop.origin(), userId, orderId);
        }
    }

    private void answerOnTheNextPage(SurveyApi api, Survey.Id survey, String shop, String userId, String orderId)
            throws IOException {
        // The order confirmation page has no widget: the survey waits for the shopper's next page.
        browser.get(shop + "/order-complete");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                invitationStatus(api, survey, "user:" + userId) != null);
        assertThat(invitationStatus(api, survey, "user:" + userId)).isEqualTo("scheduled");

        browser.get(shop + "/");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                "H2".equals(script("return document.getElementById('rapport-survey')?.shadowRoot.activeElement?.tagName")));
        assertThat(script("return document.getElementById('rapport-survey').shadowRoot.activeElement.textContent"))
                .as("the question, in the browser's language, has the focus")
                .isEqualTo("Qual é a probabilidade de você nos recomendar a um amigo ou colega?");
        assertThat(script("return document.getElementById('rapport-survey').shadowRoot"
                + ".querySelector('[role=dialog]').getAttribute('aria-labelledby')")).isEqualTo("rs-q");
        assertThat(script("return [...document.getElementById('rapport-survey').shadowRoot"
                + ".querySelectorAll('.scale button')].map(b => b.textContent).join(' ')"))
                .isEqualTo("0 1 2 3 4 5 6 7 8 9 10");
        assertThat(script("return document.getElementById('rapport-survey').shadowRoot.querySelector('.ends').textContent"))
                .isEqualTo("Nada provávelMuito provável");
        await().atMost(Duration.ofSeconds(2)).until(() -> Long.valueOf(0).equals(script(
                "return document.getElementById('rapport-survey').shadowRoot.querySelector('.box').getAnimations().length")));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("survey-widget.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // Tab from the question to the first score (the close button is one Shift+Tab back), arrow to 9, choose it.
        keys(Keys.TAB);
        assertThat(focused()).isEqualTo("0");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(focused()).isEqualTo("×");
        keys(Keys.TAB);
        assertThat(focused()).isEqualTo("0");
        for (int i = 0; i < 9; i++) {
            keys(Keys.ARROW_RIGHT);
        }
        assertThat(focused()).isEqualTo("9");
        keys(Keys.ENTER);

        await().atMost(Duration.ofSeconds(5)).until(() -> "TEXTAREA".equals(
                script("return document.getElementById('rapport-survey').shadowRoot.activeElement?.tagName")));
        assertThat(script("return document.getElementById('rapport-survey').shadowRoot.querySelector('h2').textContent"))
                .as("the promoters' wording").isEqualTo("Que bom saber! Qual é o principal motivo da sua nota?");
        Files.write(SCREENSHOTS.resolve("survey-widget-reason.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        keys("Entrega rápida e o vaso é lindo");
        keys(Keys.TAB);
        keys(Keys.TAB);
        assertThat(focused()).isEqualTo("Enviar");
        keys(Keys.ENTER);
        assertThat(script("return document.getElementById('rapport-survey').shadowRoot.activeElement.textContent"))
                .isEqualTo("Obrigado pela sua opinião!");
        keys(Keys.ESCAPE);
        assertThat(script("return document.getElementById('rapport-survey')")).as("closed by Escape").isNull();

        JsonNode response = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode items = api.get("/api/v1/surveys/" + survey + "/responses").json().get("items");
            return items.isEmpty() ? null : items.get(0);
        }, item -> item != null && item.get("complete").asBoolean());
        assertThat(response.get("identifier").stringValue()).isEqualTo("user:" + userId);
        assertThat(response.get("channel").stringValue()).isEqualTo("web");
        assertThat(response.get("locale").stringValue()).isEqualTo("pt-BR");
        assertThat(response.get("orderId").stringValue()).isEqualTo(orderId);
        assertThat(response.get("score").asInt()).isEqualTo(9);
        assertThat(response.get("comment").stringValue()).isEqualTo("Entrega rápida e o vaso é lindo");
        assertThat(script("return window.shopLog.join('\\n')")).as("page errors").isEqualTo("");
    }

    /** The status of the survey's invitation for this identifier, or null while there is none. */
    private static String invitationStatus(SurveyApi api, Survey.Id survey, String identifier) {
        for (JsonNode invitation : api.get("/api/v1/surveys/" + survey + "/invitations").json().get("items")) {
            if (identifier.equals(invitation.path("identifier").asString(null))) {
                return invitation.get("status").stringValue();
            }
        }
        return null;
    }

    private ShopServer startShop(String writeKey, String userId, String orderId) throws IOException {
        String page = new String(ShopServer.testResource("/widget-shop/index.html"), StandardCharsets.UTF_8)
                .replace("{{writeKey}}", writeKey).replace("{{rapport}}", rapport.base())
                .replace("{{userId}}", userId).replace("{{orderId}}", orderId);
        String widgetTag = page.lines().filter(line -> line.contains("/widget/survey.js")).findFirst().orElseThrow();
        byte[] bundle = ShopServer.testResource("/analytics-next/analytics-next.umd.js");
        return ShopServer.start(path -> switch (path) {
            case "/" -> ShopServer.Resource.html(page.replace("{{title}}", "New in: spring ceramics"));
            case "/order-complete" -> ShopServer.Resource.html(page.replace("{{title}}", "Thank you for your order")
                    .replace(widgetTag, ""));
            case "/analytics-next.js" -> ShopServer.Resource.javascript(bundle);
            default -> null;
        });
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private String focused() {
        return String.valueOf(script("return document.getElementById('rapport-survey').shadowRoot.activeElement"
                + "?.textContent"));
    }

    private void keys(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }
}
