package dev.pressuremonitor.server.pages;

import dev.pressuremonitor.server.PressureServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * What every page test shares: one headless Chromium and one server per test class, pages opened by their path and
 * waited for with one patience, and both closed at the end. A subclass starts {@link #server} in its own
 * {@code @BeforeAll} (each needs its own configuration); the browser is open by then.
 */
public abstract class BrowserTest {
    /** How long a page may take to show what a test waits for; a loaded machine is slow. */
    protected static final Duration PATIENCE = Duration.ofSeconds(15);
    protected static ChromeDriver browser;
    protected static PressureServer server;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Pages.browser();
    }

    @AfterAll
    static void closeBrowserAndServer() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        browser = null;
        server = null;
    }

    protected static WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    /** The address of a page of {@link #server}. */
    protected static String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port() + pathAndQuery;
    }

    /** Opens a page of the server and waits until {@code ready} is on it. */
    protected static void open(String pathAndQuery, By ready) {
        browser.get(url(pathAndQuery));
        waiting().until(ExpectedConditions.presenceOfElementLocated(ready));
    }

    /** Opens a page of the server and waits for its heading. */
    protected static void open(String pathAndQuery) {
        open(pathAndQuery, By.tagName("h1"));
    }

    /** Opens the overlay at {@code query} and waits until it is connected. */
    protected static void openLiveOverlay(String query) {
        browser.get(url("/" + query));
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "live"));
    }
}
