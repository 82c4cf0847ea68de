package io.rapport.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Multipart;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A browser-like HTTP session with the console: cookies, CSRF tokens from the pages, no redirects followed. */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * Signs in through the console's login form in a browser; answers a 10-second wait on it, for the page the
     * test opens next.
     */
    static WebDriverWait signIn(WebDriver browser, String base, String email, String password) {
        browser.get(base + "/console/login");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav")));
        return wait;
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ConsoleSession(int port) {
        this.base = "http://localhost:" + port;
    }

    record Page(int status, String body, String location) {
    }

    /** A session of a new console user with this role. */
    static ConsoleSession newUser(int port, Users users, Role role) {
        String email = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
        users.create(email, ConsolePagesTest.PASSWORD, role);
        return new ConsoleSession(port).signIn(email, ConsolePagesTest.PASSWORD);
    }

    ConsoleSession signIn(String email, String password) {
        Page signedIn = post("/console/login", "/console/login", Map.of("username", email, "password", password));
        if (!signedIn.location().endsWith("/console")) {
            throw new IllegalStateException("Sign-in failed: " + signedIn);
        }
        return this;
    }

    Page get(String path) {
        return get(path, "text/html");
    }

    Page get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    /** Posts a form the way a browser does after showing {@code formPage}, with that page's CSRF token. */
    Page post(String formPage, String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrfToken(formPage));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Posts a form with a file the way the console's htmx does after showing {@code formPage}: the CSRF token in a
     * header, so it is read even when the container refuses to read the body.
     */
    Page upload(String formPage, String path, Multipart form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("X-CSRF-TOKEN", csrfToken(formPage))
                .header("Content-Type", form.contentType())
                .POST(form.publisher()));
    }

    /** Posts a form with a file as a browser does without scripts: the CSRF token is one of the form's fields. */
    Page uploadWithoutScripts(String formPage, String path, Multipart form) {
        form.field("_csrf", csrfToken(formPage));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", form.contentType())
                .POST(form.publisher()));
    }

    private String csrfToken(String formPage) {
        Matcher token = CSRF.matcher(get(formPage).body());
        if (!token.find()) {
            throw new IllegalStateException(formPage + " has no form with a CSRF token");
        }
        return token.group(1);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
