package vn.danvan.statistics.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the dashboard's browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code .ci/run} installs them when missing).
 *
 * <p>Missing browser = failed test, with a message saying what to install: a build without the browser must not pass
 * silently. {@code DANVAN_SKIP_BROWSER=true} (environment) or {@code -Ddanvan.skip.browser=true} skips the browser
 * tests explicitly. {@code DANVAN_CHROMIUM} / {@code DANVAN_CHROMEDRIVER} (or {@code -Ddanvan.chromium},
 * {@code -Ddanvan.chromedriver}) point at another browser or driver.
 */
final class Browser {

    static final String SKIP = "DANVAN_SKIP_BROWSER";

    private Browser() {}

    /** Skips the calling test class if asked to explicitly; fails if the browser or its driver is missing. */
    static ChromeDriver start() {
        Assumptions.assumeFalse(
                "true".equalsIgnoreCase(setting("danvan.skip.browser", SKIP, "false")),
                SKIP + "=true: the dashboard's browser tests are skipped on request");
        Path chromium = Path.of(setting("danvan.chromium", "DANVAN_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(setting("danvan.chromedriver", "DANVAN_CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path needed : new Path[] {chromium, driver}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed
                        + " is missing: the dashboard's browser tests need Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; .ci/run installs them). Set " + SKIP
                        + "=true to skip these tests explicitly, or DANVAN_CHROMIUM / DANVAN_CHROMEDRIVER to use"
                        + " another browser and driver.");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=vi-VN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
