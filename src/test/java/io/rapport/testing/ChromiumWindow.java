package io.rapport.testing;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * A Chromium window of a fixed size for each test: opened before the test, closed after it. Register it with
 * {@code @RegisterExtension}; it opens before the class's own {@code @BeforeEach} methods run.
 */
public final class ChromiumWindow implements BeforeEachCallback, AfterEachCallback {

    private final int width;
    private final int height;
    private @Nullable Chromium chromium;

    public ChromiumWindow(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        chromium = Chromium.start(options -> options.addArguments("--window-size=" + width + "," + height));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    public WebDriver driver() {
        if (chromium == null) {
            throw new IllegalStateException("The window is open only while a test runs");
        }
        return chromium.driver();
    }
}
