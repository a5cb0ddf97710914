package io.tickhub.server.dashboard;

import static io.tickhub.server.jobs.Upstreams.yahooChart;
import static io.tickhub.server.jobs.Upstreams.yahooPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.tickhub.server.TickhubApplication;
import io.tickhub.server.jobs.Upstreams;
import io.tickhub.server.provider.fake.FakeUpstream;
import io.tickhub.server.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard end to end: a real hub (simulator, H2 file) and the system's Chromium, headless.
 * Waits poll the page for a condition (WebDriverWait); nothing sleeps for a fixed time.
 */
class DashboardBrowserTest {

    /** The light theme's candle colours (style.css {@code --up}, {@code --down}). */
    static final int UP = 0x15803d;
    static final int DOWN = 0xc0262d;
    static final Path SCREENSHOTS = Path.of("target", "dashboard");

    @TempDir
    static Path dir;

    static FakeUpstream yahoo;
    static int port;
    static ConfigurableApplicationContext hub;
    static ChromeDriver browser;
    static DashboardPage page;

    @BeforeAll
    static void start() {
        browser = Browser.open(1280, 900);
        yahoo = Upstreams.start();
        yahoo.on(yahooPath("DSHB"), yahooChart("DSHB", 42.0, Instant.now().getEpochSecond()));
        port = FreePorts.next();
        page = new DashboardPage(browser, port);
        hub = startHub();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
        if (yahoo != null) {
            yahoo.close();
        }
    }

    @BeforeEach
    void freshPage() {
        page.open("/");
        browser.executeScript("localStorage.clear()");
    }

    @Test
    void theTickerTableShowsEverySymbolAndThePricesMoveLive() {
        page.open("/");
        page.waitFor(Duration.ofSeconds(20), d -> rows().size() >= 15);
        assertThat(page.text(By.id("connection"))).isEqualTo("Live");
        Map<String, String> first = prices();

        page.waitFor(Duration.ofSeconds(10), d -> !prices().equals(first));

        WebElement aapl = row("AAPL");
        assertThat(aapl.findElement(By.cssSelector(".provider")).getText()).isEqualTo("simulator");
        assertThat(aapl.findElement(By.cssSelector(".badge.stale")).isDisplayed()).isFalse();
        assertThat(aapl.findElement(By.cssSelector(".spark polyline")).getAttribute("points")).contains(",");
        Browser.save(browser, SCREENSHOTS.resolve("tickers.png"));
    }

    @Test
    void sortingFilteringAndTheWatchlistWorkAndTheKeyboardOpensASymbol() {
        page.open("/");
        page.waitFor(Duration.ofSeconds(20), d -> rows().size() >= 15);

        browser.findElement(By.xpath("//th/button[text()='Price']")).click();
        assertThat(browser.findElement(By.xpath("//th[button[text()='Price']]")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        List<Double> sorted = sortedPrices().stream().map(DashboardBrowserTest::number).toList();
        assertThat(sorted.getFirst()).isGreaterThanOrEqualTo(sorted.getLast());

        browser.findElement(By.tagName("body")).sendKeys("/");
        WebElement filter = browser.switchTo().activeElement();
        assertThat(filter.getAttribute("id")).isEqualTo("filter");
        filter.sendKeys("msf");
        page.waitFor(Duration.ofSeconds(5), d -> page.symbols().equals(List.of("MSFT")));
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        page.waitFor(Duration.ofSeconds(5), d -> rows().size() >= 15);

        row("NVDA").findElement(By.cssSelector("button.star")).click();
        browser.navigate().refresh();
        page.waitFor(Duration.ofSeconds(20), d -> rows().size() >= 15);
        assertThat(page.symbols().getFirst()).isEqualTo("NVDA"); // watched symbols come first
        assertThat(row("NVDA").findElement(By.cssSelector("button.star")).getAttribute("aria-pressed")).isEqualTo("true");
        browser.findElement(By.id("watch-only")).click();
        page.waitFor(Duration.ofSeconds(5), d -> page.symbols().equals(List.of("NVDA")));

        row("NVDA").findElement(By.cssSelector("a.symbol")).sendKeys(Keys.ENTER);
        page.waitFor(Duration.ofSeconds(5), d -> page.hash().startsWith("#/s/NVDA"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        page.waitFor(Duration.ofSeconds(5), d -> page.hash().equals("#/"));
    }

    @Test
    void aSymbolShowsARenderedCandleChartWithLiveBarsAndTicks() {
        page.open("/");
        page.waitFor(Duration.ofSeconds(20), d -> rows().size() >= 15);
        row("AAPL").findElement(By.cssSelector("a.symbol")).click();
        page.waitFor(Duration.ofSeconds(5), d -> page.hash().startsWith("#/s/AAPL"));
        browser.findElement(By.cssSelector("button[data-interval='1s']")).click();
        assertThat(page.hash()).contains("i=1s"); // the address keeps the choice for a reload or a link

        page.waitFor(Duration.ofSeconds(20), d -> page.barCount() >= 4);
        WebElement chart = browser.findElement(By.id("chart"));
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        page.waitFor(Duration.ofSeconds(10), d -> ticks().size() >= 3);
        long newest = ticks().getFirst();
        page.waitFor(Duration.ofSeconds(10), d -> ticks().getFirst() > newest);

        Browser.Ink ink = Browser.ink(chart, UP, DOWN);
        assertThat(ink.share()).as("share of the chart drawn").isGreaterThan(0.01);
        assertThat(ink.colours()).as("colours in the chart").isGreaterThan(8);
        assertThat(ink.wanted()[0] + ink.wanted()[1]).as("pixels of up or down candles").isGreaterThan(100);
        Browser.save(browser, SCREENSHOTS.resolve("symbol.png"));
    }

    @Test
    void jobsAreCreatedWithTheHubsValidationMessagesAndDeleted() {
        page.open("/#/providers");
        page.waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("tr[data-provider='simulator']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("tr[data-provider='simulator'] .badge")).getText()).isEqualTo("up");

        WebElement symbols = browser.findElement(By.id("job-symbols"));
        symbols.sendKeys("MSFT, BAD!");
        browser.findElement(By.cssSelector("#job-form button[type='submit']")).click();
        page.waitFor(Duration.ofSeconds(5), d -> d.findElement(By.id("job-errors")).isDisplayed());
        assertThat(page.text(By.id("job-errors"))).contains("not a valid symbol: BAD!");
        assertThat(symbols.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector("tr[data-job]"))).isEmpty();

        symbols.clear();
        symbols.sendKeys("dshb");
        WebElement interval = browser.findElement(By.id("job-interval"));
        interval.clear();
        interval.sendKeys("30");
        browser.findElement(By.cssSelector("#job-form button[type='submit']")).click();
        page.waitFor(Duration.ofSeconds(5), d -> page.text(By.cssSelector(".notice")).startsWith("Created poll_"));
        assertThat(browser.findElement(By.id("job-errors")).isDisplayed()).isFalse();
        WebElement job = browser.findElement(By.cssSelector("tr[data-job]"));
        String id = job.getAttribute("data-job");
        assertThat(job.getText()).contains("DSHB").contains("yfinance").contains("30s");
        // The job polls the fake Yahoo, and the page's refresh shows its progress.
        page.waitFor(Duration.ofSeconds(15), d -> page.text(By.cssSelector("tr[data-job] .progress")).contains("42.00"));

        browser.findElement(By.cssSelector("tr[data-job='" + id + "'] button.danger")).click();
        page.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector("tr[data-job]")).isEmpty());
        assertThat(page.text(By.cssSelector(".notice"))).isEqualTo("Deleted " + id + ".");
    }

    @Test
    void afterTheHubRestartsTheDashboardReconnectsAndTheTicksContinueWithoutAGap() {
        page.open("/#/s/MSFT?i=1s");
        page.waitFor(Duration.ofSeconds(20), d -> ticks().size() >= 3);
        hub.close();
        page.waitFor(Duration.ofSeconds(10), d -> page.text(By.id("connection")).startsWith("Reconnecting"));
        long lastBefore = ticks().getFirst();
        double priceBefore = number(page.text(By.id("symbol-price")));

        hub = startHub();
        page.waitFor(Duration.ofSeconds(30), d -> page.text(By.id("connection")).equals("Live"));
        page.waitFor(Duration.ofSeconds(15), d -> ticks().getFirst() >= lastBefore + 3);

        List<Long> seqs = ticks();
        assertThat(seqs.getLast()).as("the list reaches back before the restart").isLessThanOrEqualTo(lastBefore);
        for (int i = 0; i + 1 < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("ticks in seq order without a gap: %s", seqs).isEqualTo(seqs.get(i + 1) + 1);
        }
        assertThat(number(page.text(By.id("symbol-price")))).as("the simulator continues from the stored price")
                .isCloseTo(priceBefore, withPercentage(5));
        page.waitFor(Duration.ofSeconds(10), d -> page.barCount() >= 2);
        assertThat(Browser.ink(browser.findElement(By.id("chart")), UP, DOWN).wanted()).satisfies(
                found -> assertThat(found[0] + found[1]).isGreaterThan(50));
    }

    @Test
    void onAPhoneTheTableFitsTheScreenAndTheDarkThemeIsKept() {
        ChromeDriver phone = Browser.open(390, 844);
        try {
            phone.get(page.base() + "/");
            new WebDriverWait(phone, Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.cssSelector("#tickers tbody tr")).size() >= 15);
            Number overflow = (Number) phone.executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("horizontal overflow of the page").isLessThanOrEqualTo(0);
            assertThat(phone.findElement(By.xpath("//th[text()='Trend']")).isDisplayed()).isFalse();

            phone.findElement(By.id("theme")).click();
            assertThat(phone.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
            phone.navigate().refresh();
            new WebDriverWait(phone, Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.cssSelector("#tickers tbody tr")).size() >= 15);
            assertThat(phone.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
            Browser.save(phone, SCREENSHOTS.resolve("phone-dark.png"));
        } finally {
            phone.quit();
        }
    }

    // --- the page ------------------------------------------------------------------------------------

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#tickers tbody tr"));
    }

    private static WebElement row(String symbol) {
        return browser.findElement(By.cssSelector("#tickers tr[data-symbol='" + symbol + "']"));
    }

    private static Map<String, String> prices() {
        return page.script("return Object.fromEntries([...document.querySelectorAll('#tickers tbody tr')]"
                + ".map(r => [r.dataset.symbol, r.querySelector('.price').textContent]))");
    }

    /** Seqs of the recent ticks, newest first. */
    private static List<Long> ticks() {
        List<Number> seqs = page.script("return [...document.querySelectorAll('#ticks tbody tr')].map(r => Number(r.dataset.seq))");
        return seqs.stream().map(Number::longValue).toList();
    }

    private static List<String> sortedPrices() {
        return page.script("return [...document.querySelectorAll('#tickers tbody tr .price')].map(p => p.textContent)");
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }

    // --- the hub -------------------------------------------------------------------------------------

    /** The same port and H2 file every time, as a restarted server would have. */
    private static ConfigurableApplicationContext startHub() {
        return SpringApplication.run(TickhubApplication.class,
                "--server.port=" + port,
                "--tickhub.simulator.interval=500ms",
                "--tickhub.providers.yahoo.base-url=" + yahoo.baseUrl(),
                "--tickhub.data-dir=" + dir);
    }
}
