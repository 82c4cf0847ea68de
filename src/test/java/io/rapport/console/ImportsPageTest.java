package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.Chromium;
import io.rapport.testing.Multipart;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportTest;
import io.rapport.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console's imports page, in real Chromium and over HTTP, and what a too-large upload gets from the API and the
 * console. On a Rapport of its own with a 2 MB upload limit, closed afterwards (its consumers have a backlog).
 */
@RapportTest
@DirtiesContext
@TestPropertySource(properties = {"spring.servlet.multipart.max-file-size=2MB",
        "spring.servlet.multipart.max-request-size=2MB", "rapport.collect.import-rate-limit=" + ImportsPageTest.ROWS_PER_SECOND})
class ImportsPageTest {

    /** Paces the import to take several seconds, so the self-refreshing table shows it at several stages. */
    static final int ROWS_PER_SECOND = 40_000;
    private static final String PASSWORD = "a long enough passphrase";
    private static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private static final String[][] ITEMS = {
            {"85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "2.55"}, {"71053", "WHITE METAL LANTERN", "3.39"},
            {"84406B", "CREAM CUPID HEARTS COAT HANGER", "2.75"}, {"22633", "HAND WARMER UNION JACK", "1.85"}};

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.isolated("imports_page").forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    RapportClient rapport;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    String admin;
    Chromium chromium;
    WebDriver browser;

    @BeforeEach
    void anAdminExists() {
        admin = "admin-" + UUID.randomUUID() + "@example.com";
        users.create(admin, PASSWORD, Role.ADMIN);
    }

    @AfterEach
    void closeChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A rejected row as the rejected-rows CSV should list it. */
    record Rejection(long row, String reason) {
    }

    /** A UCI Online Retail file, four lines an invoice; every 1000th line and three lines without an invoice are bad. */
    record Generated(byte[] gzip, long rows, long invoices, List<Rejection> rejections) {
    }

    static Generated uciFile(int lines) {
        long firstInvoice = ThreadLocalRandom.current().nextLong(100_000, 900_000) * 1000;
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        List<Rejection> rejections = new ArrayList<>();
        long row = 0;
        for (int i = 0; i < lines; i++) {
            if (i % 50_000 == 25_000) {
                csv.append(",22633,HAND WARMER UNION JACK,6,2011-01-10 09:00:00,1.85,12000,France\n");
                rejections.add(new Rejection(++row, "InvoiceNo is empty."));
            }
            String[] item = ITEMS[i % ITEMS.length];
            boolean bad = i % 1000 == 999;
            csv.append(firstInvoice + i / 4).append(',').append(item[0]).append(',').append(item[1]).append(',')
                    .append(bad ? "lots" : String.valueOf(1 + i % 12)).append(',')
                    .append("2011-0").append(1 + i % 9).append('-').append(10 + i % 18).append(' ')
                    .append(8 + i % 10).append(':').append(10 + i % 50).append(":00,").append(item[2]).append(',')
                    .append(12000 + i / 4 % 4000).append(",United Kingdom\n");
            row++;
            if (bad) {
                rejections.add(new Rejection(row, "Quantity 'lots' is not a whole number."));
            }
        }
        return new Generated(RapportClient.gzip(csv.toString().getBytes(StandardCharsets.UTF_8)), row, lines / 4,
                rejections);
    }

    /** Incompressible bytes, so the upload is as large on the wire as on disk. */
    static byte[] random(int bytes) {
        byte[] data = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(data);
        return data;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private long jobs() {
        return jdbc.sql("select count(*) from import_jobs").query(Long.class).single();
    }

    private long uploadedFiles() throws IOException {
        Path directory = Path.of("target", "imports");
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        }
    }

    @Test
    void an_admin_uploads_a_file_watches_its_progress_and_downloads_the_rejected_rows() throws Exception {
        Generated file = uciFile(150_000);
        Path upload = Files.write(files.resolve("retail.csv.gz"), file.gzip());
        WebDriverWait wait = signInWithChromium();
        browser.findElement(By.cssSelector("nav a[href$='/console/imports']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-form")));
        assertThat(browser.findElement(By.id("mapping-uci-online-retail")).isSelected()).isTrue();
        browser.findElement(By.id("file")).sendKeys(upload.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"),
                "“retail.csv.gz” is uploaded and queued for import"));

        // The table refreshes itself: watch the job's bar until it has completed.
        TreeSet<Integer> seenWhileRunning = new TreeSet<>();
        boolean screenshot = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String status = "";
        while (!status.equals("completed") && !status.equals("failed")) {
            assertThat(System.nanoTime()).as("the import finishes within 3 minutes").isLessThan(deadline);
            @SuppressWarnings("unchecked")
            List<String> job = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                    const job = document.querySelector('tbody.job');
                    return job === null ? ['', ''] : [job.dataset.status,
                        job.querySelector('[role=progressbar]').getAttribute('aria-valuenow') || ''];""");
            status = job.get(0);
            if (status.equals("running") && !job.get(1).isEmpty()) {
                int percent = Integer.parseInt(job.get(1));
                seenWhileRunning.add(percent);
                if (!screenshot && percent >= 20 && percent <= 80) {
                    screenshot("imports-running");
                    screenshot = true;
                }
            }
            Thread.sleep(150);
        }
        assertThat(status).isEqualTo("completed");
        assertThat(seenWhileRunning.subSet(1, 100)).as("percentages shown while the import ran").hasSizeGreaterThan(1);

        String row = "tbody.job[data-seq] ";
        assertThat(text(row + ".job-imported")).isEqualTo(count(file.rows() - file.rejections().size()));
        assertThat(text(row + ".job-rejected")).contains(count(file.rejections().size()));
        assertThat(text(row + ".progress-text")).isEqualTo(count(file.rows()) + " of " + count(file.rows()) + " rows");
        assertThat(text(row + ".progress-percent")).isEqualTo("100%");
        assertThat(text(".live-state")).isEqualTo("Every import has finished");
        // The self-refreshing table may be drawn again just after the click, closing the row: open it until it stays.
        String payload = wait.until(driver -> {
            try {
                WebElement payloadRow = driver.findElement(By.cssSelector(row + ".payload-row"));
                if (!payloadRow.isDisplayed()) {
                    driver.findElement(By.cssSelector(row + ".event-row .file-name")).click();
                    return null;
                }
                return payloadRow.getText();
            } catch (StaleElementReferenceException e) {
                return null;
            }
        });
        assertThat(payload).contains("Events stored", count(file.invoices()), "Imports",
                "Download the " + file.rejections().size() + " rejected rows");
        screenshot("imports");

        String link = browser.findElement(By.cssSelector(row + "a.rejected-download")).getAttribute("href");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("retail-rejected.csv");
        List<CSVRecord> rejected = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(download.body())).getRecords();
        assertThat(rejected).map(r -> new Rejection(Long.parseLong(r.get("row")), r.get("reason")))
                .containsExactlyElementsOf(file.rejections());
        assertThat(rejected.getFirst().get("line")).contains(",lots,");
        HttpResponse<String> signedOut = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.headers().firstValue("Location")).as("without a session").hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login"));
    }

    @Test
    void a_file_over_the_upload_limit_is_refused_in_the_browser_before_it_is_sent() throws Exception {
        Path huge = Files.write(files.resolve("huge.csv"), random(3 << 20));
        long before = jobs();
        WebDriverWait wait = signInWithChromium();
        browser.get(rapport.base() + "/console/imports");

        browser.findElement(By.id("file")).sendKeys(huge.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();

        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error"))).getText())
                .startsWith("The file is larger than the 2 MB an upload may have.");
        assertThat(browser.findElement(By.id("upload-state")).isDisplayed()).isFalse();
        assertThat(jobs()).isEqualTo(before);
    }

    @Test
    void an_upload_over_the_limit_to_the_api_is_a_413_problem_and_nothing_is_stored() throws IOException {
        long jobsBefore = jobs();
        long filesBefore = uploadedFiles();
        Multipart form = new Multipart().field("mapping", "uci-online-retail")
                .file("file", "huge.csv", random(3 << 20));

        RapportClient.Response response = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/imports"))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY)
                .header("Content-Type", form.contentType())
                .POST(form.publisher()));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("title").stringValue()).isEqualTo("Upload too large");
        assertThat(problem.get("detail").stringValue())
                .startsWith("The file is larger than the 2 MB an upload may have.")
                .contains("gzip", "spring.servlet.multipart.max-file-size");
        assertThat(jobs()).isEqualTo(jobsBefore);
        assertThat(uploadedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void an_upload_over_the_limit_in_the_console_returns_to_the_form_with_the_reason() {
        ConsoleSession session = new ConsoleSession(port).signIn(admin, PASSWORD);
        long before = jobs();

        ConsoleSession.Page refused = session.upload("/console/imports", "/console/imports",
                new Multipart().field("mapping", "uci-online-retail").file("file", "huge.csv", random(3 << 20)));

        assertThat(refused.location()).endsWith("/console/imports");
        assertThat(session.get("/console/imports").body())
                .contains("The file is larger than the 2 MB an upload may have.", "id=\"import-form\"");
        assertThat(jobs()).isEqualTo(before);

        // Without scripts the CSRF token is in the unread body: the container answers, and the error page explains.
        ConsoleSession.Page plain = session.uploadWithoutScripts("/console/imports", "/console/imports",
                new Multipart().field("mapping", "uci-online-retail").file("file", "huge.csv", random(3 << 20)));
        assertThat(plain.status()).isEqualTo(413);
        assertThat(plain.body()).contains("The upload is too large", "larger than the 2 MB an upload may have",
                "Back to the form");
        assertThat(jobs()).isEqualTo(before);
    }

    @Test
    void the_upload_form_says_what_is_wrong_and_keeps_the_choices() {
        ConsoleSession session = new ConsoleSession(port).signIn(admin, PASSWORD);
        byte[] csv = "order_no,customer_id\n1,c-1\n".getBytes(StandardCharsets.UTF_8);
        long before = jobs();

        assertThat(refusal(session, new Multipart().field("mapping", "uci-online-retail")
                .file("file", "empty.csv", new byte[0])))
                .contains("“empty.csv” is empty: there is nothing to import.");
        assertThat(refusal(session, new Multipart().field("mapping", "excel").file("file", "x.csv", csv)))
                .contains("Choose how the file&#39;s rows become events.");
        String badJson = refusal(session, new Multipart().field("mapping", "custom")
                .field("columnMapping", "{\"event\": \"Order Completed\", userId: 1}").file("file", "x.csv", csv));
        assertThat(badJson).contains("was expecting double-quote to start property name",
                "{&quot;event&quot;: &quot;Order Completed&quot;, userId: 1}</textarea>");
        assertThat(badJson).containsPattern("id=\"mapping-custom\"[^>]*checked");
        assertThat(refusal(session, new Multipart().field("mapping", "custom")
                .field("columnMapping", "{\"userId\": \"customer_id\"}").file("file", "x.csv", csv)))
                .contains("A track mapping needs the event&#39;s name");
        assertThat(refusal(session, new Multipart().field("mapping", "custom").field("columnMapping", "order_no")
                .file("file", "x.csv", csv))).contains("Write the column mapping as a JSON object");
        String webSource = rapport.newSource("WEB").id();
        assertThat(refusal(session, new Multipart().field("mapping", "uci-online-retail").field("source", webSource)
                .file("file", "x.csv", csv))).contains("Imports go to a source of type IMPORT");
        assertThat(jobs()).isEqualTo(before);
    }

    /** The page the form comes back as: readable, not a trace or a problem document. */
    private static String refusal(ConsoleSession session, Multipart form) {
        ConsoleSession.Page page = session.upload("/console/imports", "/console/imports", form);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"form-error\">").doesNotContain("Exception", "\"status\":");
        return page.body();
    }

    @Test
    void only_admins_see_and_open_the_imports_page() {
        String analyst = "analyst-" + UUID.randomUUID() + "@example.com";
        users.create(analyst, PASSWORD, Role.ANALYST);
        ConsoleSession session = new ConsoleSession(port).signIn(analyst, PASSWORD);

        assertThat(session.get("/console").body()).doesNotContain("/console/imports");
        assertThat(session.get("/console/imports").status()).isEqualTo(403);
        assertThat(session.get("/console/imports/jobs").status()).isEqualTo(403);
        assertThat(session.get("/console/imports/" + UUID.randomUUID() + "/rejected").status()).isEqualTo(403);
        assertThat(new ConsoleSession(port).signIn(admin, PASSWORD).get("/console").body())
                .contains("href=\"/console/imports\"");
    }

    /** Starts Chromium and signs in as the admin; a wait for what follows. */
    private WebDriverWait signInWithChromium() throws IOException {
        chromium = Chromium.start(options -> options.addArguments("--window-size=1360,1000"));
        browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(rapport.base() + "/console/login");
        browser.findElement(By.id("username")).sendKeys(admin);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(rapport.base() + "/console"));
        return wait;
    }

    private String text(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector(css)).getText());
    }

    private void screenshot(String name) throws IOException {
        Path shots = Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
