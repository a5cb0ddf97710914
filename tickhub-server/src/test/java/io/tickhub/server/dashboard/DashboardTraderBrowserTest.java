package io.tickhub.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard under the README's load (505 symbols, each updated every 50 ms: about 10,000
 * updates a second) and what a trader reads on it. Frame times are sampled in the page with
 * requestAnimationFrame; the connection indicator and the stream's close code tell whether the
 * hub ever closed the page as a slow consumer (4008).
 */
class DashboardTraderBrowserTest {

    @TempDir
    static Path dir;

    static int port;
    static ConfigurableApplicationContext hub;
    static ChromeDriver browser;
    static DashboardPage page;

    @BeforeAll
    static void start() {
        browser = Browser.open(1280, 900);
        port = FreePorts.next();
        page = new DashboardPage(browser, port);
        hub = SpringApplication.run(TickhubApplication.class,
                "--server.port=" + port,
                "--tickhub.simulator.ticker-count=500",
                "--tickhub.simulator.interval=50ms",
                "--tickhub.data-dir=" + dir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void atFiveHundredSymbolsTimesTwentyUpdatesASecondTheBoardKeepsRenderingAndIsNeverClosedAsSlow() {
        page.open("/");
        page.waitFor(Duration.ofSeconds(30), d -> page.text(By.cssSelector(".toolbar .muted")).matches("\\d+ of 50\\d symbols"));
        // Sample for 8 s: frame gaps, rows whose price changed, and every connection state seen.
        browser.executeScript("""
                window.__probe = { frames: [], changes: 0, states: new Set(['open:' + document.getElementById('connection').textContent]), done: false };
                const indicator = document.getElementById('connection');
                new MutationObserver(() => window.__probe.states.add(indicator.dataset.status + ':' + indicator.textContent))
                  .observe(indicator, { attributes: true, childList: true, characterData: true, subtree: true });
                new MutationObserver((records) => { window.__probe.changes += records.length; })
                  .observe(document.querySelector('#tickers tbody'), { childList: true, characterData: true, subtree: true });
                let last = performance.now();
                const started = last;
                const sample = (now) => {
                  window.__probe.frames.push(now - last);
                  last = now;
                  if (now - started < 8000) requestAnimationFrame(sample); else window.__probe.done = true;
                };
                requestAnimationFrame(sample);
                """);
        page.waitFor(Duration.ofSeconds(30), d -> Boolean.TRUE.equals(page.script("return window.__probe.done")));
        Map<String, Object> probe = page.script("""
                const f = window.__probe.frames.slice().sort((a, b) => a - b);
                return { count: f.length, p95: f[Math.floor(f.length * 0.95)], max: f[f.length - 1],
                  changes: window.__probe.changes, states: [...window.__probe.states],
                  rowsInDom: document.querySelectorAll('#tickers tbody tr[data-symbol]').length };
                """);
        assertThat(((Number) probe.get("count")).intValue()).as("frames in 8 s (%s)", probe).isGreaterThan(100);
        assertThat(((Number) probe.get("p95")).doubleValue()).as("95th percentile frame time, ms (%s)", probe).isLessThan(100);
        assertThat(((Number) probe.get("max")).doubleValue()).as("longest frame, ms (%s)", probe).isLessThan(1_000);
        assertThat(((Number) probe.get("changes")).intValue()).as("row updates in 8 s").isGreaterThan(200);
        assertThat(((Number) probe.get("rowsInDom")).intValue()).as("rows in the DOM (virtualised)").isBetween(10, 60);
        assertThat((List<?>) probe.get("states")).as("connection states seen").allSatisfy(
                s -> assertThat(String.valueOf(s)).startsWith("open:Live"));
        assertThat(page.text(By.id("connection"))).isEqualTo("Live");
        // A 4008 (slow consumer) would have shown as "Reconnecting"; the page stayed on its first connection.

        // Scrolled to the end, the last rows are drawn and still few are in the DOM.
        browser.executeScript("const w = document.getElementById('tickers-wrap'); w.scrollTop = w.scrollHeight");
        page.waitFor(Duration.ofSeconds(5), d -> page.symbols().contains("ITEM_499") || page.symbols().contains("NVDA"));
        assertThat(page.symbols().size()).isBetween(10, 60);
        Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("load-500.png"));
    }

    @Test
    void theBoardShowsBidAskVolumeDayRangeAndMarketState() {
        page.open("/");
        page.waitFor(Duration.ofSeconds(30), d -> !d.findElements(By.cssSelector("#tickers tr[data-symbol='AAPL']")).isEmpty());
        List<String> headers = page.script("return [...document.querySelectorAll('#tickers thead th')].map(t => t.textContent)");
        assertThat(headers).contains("Bid", "Ask", "Volume", "Day range", "Market");
        WebElement aapl = browser.findElement(By.cssSelector("#tickers tr[data-symbol='AAPL']"));
        assertThat(aapl.findElement(By.cssSelector(".volume")).getText()).matches("[\\d,]+|—");
        assertThat(aapl.findElement(By.cssSelector(".range")).getText()).matches("[\\d,.]+ – [\\d,.]+|—");
        assertThat(aapl.findElement(By.cssSelector(".market-state")).getText())
                .isIn("Open", "Pre-market", "After hours", "Closed", "—");
        Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("tickers-trader.png"));
    }

    @Test
    void theSymbolPageShowsTheSessionAnOhlcLegendUnderTheCursorAndComparesTwoSymbols() {
        page.open("/#/s/AAPL");
        // Twenty ticks a second: the page picks 1s bars by itself, and the address stays without it.
        page.waitFor(Duration.ofSeconds(20), d -> "true".equals(d.findElement(By.cssSelector("button[data-interval='1s']"))
                .getAttribute("aria-pressed")));
        assertThat(page.hash()).doesNotContain("i=");
        page.waitFor(Duration.ofSeconds(20), d -> page.barCount() >= 3);
        assertThat(page.text(By.id("fact-range"))).matches("[\\d,.]+ – [\\d,.]+");
        assertThat(page.text(By.id("fact-volume"))).matches("[\\d,]+");
        assertThat(page.text(By.id("fact-market"))).isIn("Open", "Pre-market", "After hours", "Closed", "—");

        WebElement chart = browser.findElement(By.id("chart"));
        assertThat(page.text(By.id("legend"))).as("the newest bar, before any hover").matches("AAPL .* O [\\d,.]+ +H .* V .*");
        // The bars are on the right (the view keeps room for 60); move leftwards from the price scale until one is under the cursor.
        int width = chart.getSize().getWidth();
        for (int x = width / 2 - 70; x > -width / 2 && !"true".equals(browser.findElement(By.id("legend")).getAttribute("data-hover")); x -= 6) {
            new Actions(browser).moveToElement(chart, x, -40).perform();
        }
        assertThat(browser.findElement(By.id("legend")).getAttribute("data-hover")).as("a bar under the cursor").isEqualTo("true");
        assertThat(page.text(By.id("legend"))).matches("AAPL .* O [\\d,.]+ +H [\\d,.]+ +L [\\d,.]+ +C [\\d,.]+ .*");
        // Two panes: prices above, volume below (lightweight-charts draws each pane in its own canvases).
        Number panes = page.script("return document.querySelectorAll('#chart table tr td:nth-child(2) canvas').length");
        assertThat(panes.intValue()).as("canvases of the price and volume panes").isGreaterThanOrEqualTo(4);

        WebElement compare = browser.findElement(By.id("compare"));
        compare.sendKeys("msft\n");
        page.waitFor(Duration.ofSeconds(5), d -> page.hash().contains("vs=MSFT"));
        page.waitFor(Duration.ofSeconds(10), d -> page.text(By.id("legend")).contains("MSFT"));
        Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("symbol-compare.png"));
    }
}
