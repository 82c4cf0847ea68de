package io.rapport.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile, and with every background
 * connection off (this machine reaches no outside host). Without the two packages a test is skipped, except on
 * CI ({@code CI} set), where that is a failure.
 */
public final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium; {@code customize} may add options (window size, logging). */
    public static Chromium start(Consumer<ChromeOptions> customize) throws IOException {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("The browser tests need " + BINARY + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Browser test skipped: install chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver) to run it.");
        Path profile = Files.createTempDirectory("rapport-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        customize.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    /**
     * Waits until {@code element} has left the document, as when a click navigates away. Chromium may answer a
     * look at a node of the page being unloaded with "does not belong to the document" instead of a stale-element
     * error; both mean the page is gone.
     */
    public static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (detached(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    /**
     * {@code condition}, asked again when it looked at a node of a page that is being replaced (a form's post, a
     * navigation): Chromium answers "does not belong to the document" there rather than a stale-element error.
     */
    public static <T> ExpectedCondition<T> onCurrentPage(ExpectedCondition<T> condition) {
        return driver -> {
            try {
                return condition.apply(driver);
            } catch (WebDriverException e) {
                if (detached(e)) {
                    return null;
                }
                throw e;
            }
        };
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}, for a look at a page a test drew. */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static boolean detached(WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
