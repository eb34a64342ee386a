package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console's tests (Debian's chromium and chromedriver; nothing downloaded), with
 * what every console test does in it: sign in with a local account, run axe-core in the page and fail on a serious
 * or critical violation, and save a screenshot into {@code docs/screenshots} for the README.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final Duration FIND_WAIT = Duration.ofSeconds(10);

    private final WebDriver driver;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
    }

    public static ConsoleBrowser start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--ignore-certificate-errors",
                "--window-size=1366,1000",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // An element a click is about to show (the page a form posts to, a notice) may not be there the moment the
        // click returns: every lookup waits for it up to this long. absent() looks without waiting.
        driver.manage().timeouts().implicitlyWait(FIND_WAIT);
        return new ConsoleBrowser(driver);
    }

    /** Whether the page as it stands has no such element, asked without waiting for one to appear. */
    public static boolean absent(WebDriver driver, By element) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(element).isEmpty();
        } finally {
            driver.manage().timeouts().implicitlyWait(FIND_WAIT);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Signs in on the console's own form and waits until the browser has left the sign-in page. */
    public void signIn(String consoleUrl, String username, String password) {
        driver.get(consoleUrl + "/console/sign-in");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("sign-in")));
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** axe-core run in the page as it stands: no serious or critical accessibility violation. */
    public void checkAccessibility(String page) {
        String axe;
        try (InputStream in =
                ConsoleBrowser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        assertThat((List<?>) found)
                .as("serious or critical accessibility violations on " + page)
                .isEmpty();
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, the window stretched to the page's height (up to 2,400 pixels) for it. */
    public void fullPageScreenshot(String name) {
        long height =
                (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, (int)
                Math.min(Math.max(height + 140, 800), 2400)));
        screenshot(name);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1000));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
