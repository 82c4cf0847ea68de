package io.rapport.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import io.rapport.testing.Chromium;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.ShopServer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment's own browser library, {@code @segment/analytics-next} (vendored in
 * {@code src/test/resources/analytics-next/}, see its VERSION), on a shop's page in real Chromium, configured with
 * nothing but a write key and Rapport as {@code cdnURL}: it loads its settings from Rapport and delivers page,
 * identify and track calls cross-origin, which Rapport stores. Needs Debian's {@code chromium} and
 * {@code chromium-driver}.
 */
@RapportTest
class AnalyticsJsBrowserTest {

    static final String RESOURCES = "/analytics-next/";
    static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    RapportClient rapport;
    Chromium chromium;
    WebDriver browser;
    ShopServer shop;
    /** What chromedriver reported so far: console lines and network requests. */
    final List<String> consoleLog = new ArrayList<>();
    final List<String> network = new ArrayList<>();
    final Map<String, String> requestUrls = new HashMap<>();
    final Set<String> contactedOrigins = new LinkedHashSet<>();

    @BeforeEach
    void openChromium() throws IOException {
        rapport = new RapportClient(port);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        chromium = Chromium.start(options -> {
            options.addArguments("--window-size=1280,900");
            options.setCapability("goog:loggingPrefs", logging);
        });
        browser = chromium.driver();
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
    }

    @AfterEach
    void closeAll() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void analytics_next_on_a_shop_page_delivers_page_identify_and_track_to_rapport() throws IOException {
        JsonNode source = rapport.createSource("WEB");
        String sourceId = source.get("id").stringValue();
        String writeKey = source.get("writeKey").stringValue();
        String shopUrl = startShop(writeKey, rapport.base());
        String version = vendoredVersion();

        browser.get(shopUrl);

        List<JsonNode> stored;
        try {
            stored = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> items(sourceId), events -> events.size() >= 3);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Rapport stored " + items(sourceId).size() + " of the 3 calls from "
                    + "analytics-next within 15 s." + diagnostics(), e);
        }
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> pageLog().stream().filter(line -> line.endsWith(" delivered")).count() >= 3);
        } catch (ConditionTimeoutException e) {
            // The assertions on the page log below say what is missing.
        }
        String diagnostics = diagnostics();
        assertThat(stored).as("stored events%s", diagnostics).hasSize(3);
        Map<String, JsonNode> byType = new HashMap<>();
        stored.forEach(event -> byType.put(event.get("type").stringValue(), event));
        assertThat(byType).as("one of each call%s", diagnostics).containsOnlyKeys("page", "identify", "track");

        JsonNode page = byType.get("page");
        JsonNode identify = byType.get("identify");
        JsonNode track = byType.get("track");
        for (JsonNode event : stored) {
            JsonNode context = event.get("payload").get("context");
            String what = event.get("type").stringValue() + " " + event.get("payload");
            assertThat(context.get("library").get("name").stringValue()).as(what).isEqualTo("analytics.js");
            assertThat(context.get("library").get("version").stringValue()).as(what).isEqualTo("next-" + version);
            assertThat(context.get("ip").stringValue()).as(what).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
            assertThat(context.get("page").get("url").stringValue()).as(what).isEqualTo(shopUrl);
            assertThat(context.get("userAgent").stringValue()).as(what).contains("Chrome");
            assertThat(event.get("anonymousId").stringValue()).as(what)
                    .isEqualTo(page.get("anonymousId").stringValue()).isNotBlank();
            assertThat(event.get("messageId").stringValue()).as(what).startsWith("ajs-next-");
        }

        assertThat(page.get("payload").get("name").stringValue()).isEqualTo("Home");
        assertThat(page.get("payload").get("properties").get("url").stringValue()).isEqualTo(shopUrl);

        assertThat(identify.get("userId").stringValue()).isEqualTo("user-42");
        assertThat(identify.get("payload").get("traits").get("email").stringValue()).isEqualTo("ana@example.com");

        assertThat(track.get("event").stringValue()).isEqualTo("Product Viewed");
        assertThat(track.get("userId").stringValue()).as("the identified user").isEqualTo("user-42");
        JsonNode properties = track.get("payload").get("properties");
        assertThat(properties.get("product_id").stringValue()).isEqualTo("sku-1");
        assertThat(properties.get("price").isNumber()).as("price %s", properties).isTrue();
        assertThat(properties.get("price").asDouble()).isEqualTo(19.99);

        // The shop is another origin than Rapport, so these were cross-origin calls, and nothing else was
        // contacted: no Segment CDN, no lazily loaded chunk, no metrics endpoint.
        String shopOrigin = shopOrigin();
        String rapportOrigin = origin(rapport.base());
        assertThat(shopOrigin).isNotEqualTo(rapportOrigin);
        assertThat(contactedOrigins).as("origins the page contacted%s", diagnostics)
                .containsExactlyInAnyOrder(shopOrigin, rapportOrigin);
        // analytics-next also sends the write key in an Authorization header, so these calls pass CORS preflights.
        assertThat(network).as("network%s", diagnostics).contains(
                "200 GET " + rapportOrigin + "/v1/projects/" + writeKey + "/settings",
                "200 POST " + rapportOrigin + "/v1/p",
                "200 POST " + rapportOrigin + "/v1/i",
                "200 POST " + rapportOrigin + "/v1/t");
        assertThat(pageLog()).as("page log%s", diagnostics)
                .contains("info page delivered", "info identify delivered", "info track delivered")
                .noneMatch(line -> line.startsWith("error") || line.startsWith("uncaught")
                        || line.startsWith("unhandled"));
        assertThat(consoleLog).as("browser console%s", diagnostics).noneMatch(line -> line.startsWith("SEVERE"));
    }

    /** Serves the shop's page and the vendored bundle from 127.0.0.1, a different origin than Rapport's. */
    private String startShop(String writeKey, String cdnUrl) throws IOException {
        String html = resource("index.html").replace("{{writeKey}}", writeKey).replace("{{cdnURL}}", cdnUrl);
        byte[] bundle = ShopServer.testResource(RESOURCES + "analytics-next.umd.js");
        shop = ShopServer.start(path -> switch (path) {
            case "/" -> ShopServer.Resource.html(html);
            case "/analytics-next.js" -> ShopServer.Resource.javascript(bundle);
            default -> null;
        });
        return shop.origin() + "/";
    }

    private List<JsonNode> items(String sourceId) {
        RapportClient.Response response = rapport.get("/api/v1/events?limit=100&source=" + sourceId);
        assertThat(response.status()).as("events API: %s", response).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** The console, the page's own log and the network requests so far, for failure messages. */
    private String diagnostics() {
        drainBrowserLogs();
        return "\n--- browser console ---\n" + String.join("\n", consoleLog)
                + "\n--- page log ---\n" + String.join("\n", pageLog())
                + "\n--- network (status method url) ---\n" + String.join("\n", network) + "\n";
    }

    /** What the shop page recorded: its console calls, uncaught errors and the outcome of each call. */
    private List<String> pageLog() {
        List<String> lines = new ArrayList<>();
        try {
            Object logged = ((JavascriptExecutor) browser).executeScript("return window.shopLog || []");
            if (logged instanceof List<?> list) {
                list.forEach(line -> lines.add(String.valueOf(line)));
            }
        } catch (WebDriverException e) {
            lines.add("error (page log unavailable: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return lines;
    }

    /** Reads Chromium's console and performance (network) logs through chromedriver. */
    private void drainBrowserLogs() {
        try {
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                consoleLog.add(entry.getLevel() + " " + entry.getMessage());
            }
            for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asString("");
                JsonNode params = message.path("params");
                switch (method) {
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asString("");
                        if (shop != null && url.startsWith("http")
                                && params.path("documentURL").asString("").startsWith(shopOrigin() + "/")) {
                            requestUrls.put(params.path("requestId").asString(""),
                                    params.path("request").path("method").asString("") + " " + url);
                            contactedOrigins.add(origin(url));
                        }
                    }
                    case "Network.responseReceived" -> {
                        String request = requestUrls.get(params.path("requestId").asString(""));
                        if (request != null) {
                            network.add(params.path("response").path("status").asInt() + " " + request);
                        }
                    }
                    case "Network.loadingFailed" -> {
                        String request = requestUrls.get(params.path("requestId").asString(""));
                        if (request != null) {
                            network.add("FAILED " + request + " " + params.path("errorText").asString("")
                                    + " " + params.path("corsErrorStatus"));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (WebDriverException e) {
            consoleLog.add("SEVERE (browser logs unavailable: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private String shopOrigin() {
        return shop.origin();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String vendoredVersion() {
        String first = resource("VERSION").lines().findFirst().orElseThrow();
        return first.replaceFirst("^@segment/analytics-next (\\S+),.*$", "$1");
    }

    private static String resource(String name) {
        return new String(ShopServer.testResource(RESOURCES + name), StandardCharsets.UTF_8);
    }
}
