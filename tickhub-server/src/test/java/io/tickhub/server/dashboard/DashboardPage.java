package io.tickhub.server.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as the browser tests read it: one browser on one hub. Lists are read in one script,
 * not element by element, because the page re-renders rows between two reads. Waits poll the page
 * for a condition; nothing sleeps for a fixed time.
 */
final class DashboardPage {

    private final ChromeDriver browser;
    private final int port;

    DashboardPage(ChromeDriver browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void open(String path) {
        browser.get(base() + path);
    }

    @SuppressWarnings("unchecked")
    <T> T script(String js) {
        return (T) browser.executeScript(js);
    }

    String text(By by) {
        return browser.findElement(by).getText();
    }

    boolean displayed(By by) {
        return browser.findElements(by).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Polls until {@code condition} holds; an element the page re-rendered meanwhile is read again at the next poll. */
    void waitFor(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    String hash() {
        return script("return location.hash");
    }

    /** The symbols of the ticker table's rows, top to bottom (rows of the virtualised table's spacers have none). */
    List<String> symbols() {
        return script("return [...document.querySelectorAll('#tickers tbody tr[data-symbol]')].map(r => r.dataset.symbol)");
    }

    /** How many bars the symbol view says its chart holds (0 before it says). */
    int barCount() {
        String status = text(By.cssSelector("p.status"));
        return status.matches("^\\d+ bars.*") ? Integer.parseInt(status.substring(0, status.indexOf(' '))) : 0;
    }
}
