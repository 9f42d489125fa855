package de.dos2030.iot.collector.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium for a test class: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by scripts/dev-services.sh), driven by Selenium, with axe-core for WCAG 2.1 AA. Checks a
 * page the way issue 17 asks: at 360x640 and 1280x800, a screenshot under target/screenshots, no
 * console errors, no horizontal scroll on the phone, no axe violation. Nothing is downloaded.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final List<Dimension> SIZES = List.of(new Dimension(360, 640), new Dimension(1280, 800));
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final ChromeDriver driver;

    Browser() {
        for (String binary : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's chromium and"
                        + " chromium-driver (scripts/dev-services.sh start installs them; or apt-get install -y chromium"
                        + " chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--lang=de-DE",
                "--hide-scrollbars=false",
                "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Checks the open page at both sizes; returns every problem found (empty: fine). */
    List<String> check(String name) {
        List<String> problems = new ArrayList<>();
        for (Dimension size : SIZES) {
            driver.manage().window().setSize(size);
            String at = name + " at " + size.width + "x" + size.height;
            screenshot(name + "-" + size.width);
            long viewport = ((Number) js("return document.documentElement.clientWidth")).longValue();
            long content = ((Number) js("return document.documentElement.scrollWidth")).longValue();
            if (size.width <= 400 && content > viewport) {
                problems.add(at + ": scrolls sideways (" + content + " px wide in " + viewport + " px)");
            }
            Results axe = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
            for (Rule v : axe.getViolations()) {
                problems.add(at + ": axe " + v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                        + v.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .collect(Collectors.joining(", ")));
            }
        }
        // the whole page on a phone and at desktop width, for people reading the screenshots (docs/ shows some)
        driver.manage().window().setSize(SIZES.get(0));
        long phoneHeight = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(360, (int) Math.min(Math.max(phoneHeight, 640), 4000)));
        screenshot(name + "-360-full");
        driver.manage().window().setSize(SIZES.get(1));
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height, 800), 3000)));
        screenshot(name + "-full");
        problems.addAll(consoleErrors(name));
        return problems;
    }

    /**
     * SEVERE console entries since the last call (script errors, failed requests). Chromium also logs
     * the page's own status when it is 4xx (a 404 page, a form answered 400): the tests assert those
     * statuses themselves, so that one line is not counted; a failing asset, fetch or script is.
     */
    List<String> consoleErrors(String name) {
        List<String> out = new ArrayList<>();
        String page = driver.getCurrentUrl();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            boolean ownStatus = e.getMessage()
                    .startsWith(page + " - Failed to load resource: the server responded with a status of 4");
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !ownStatus) {
                out.add(name + ": console: " + e.getMessage());
            }
        }
        return out;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name + ": " + e.getMessage(), e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses keys (Tab, Enter, Space, or text for the focused field) as a keyboard does. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Describes the focused element for a failure message. */
    String describeFocus() {
        return String.valueOf(
                js(
                        "var e = document.activeElement; return e.tagName + ' ' + (e.id || '') + ' '"
                                + " + (e.getAttribute('href') || e.getAttribute('name') || '') + ' ' + (e.textContent || '').trim().slice(0, 40)"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
