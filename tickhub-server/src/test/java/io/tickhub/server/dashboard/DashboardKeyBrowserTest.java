package io.tickhub.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import static io.tickhub.server.jobs.Upstreams.yahooChart;
import static io.tickhub.server.jobs.Upstreams.yahooPath;

import io.tickhub.server.TickhubApplication;
import io.tickhub.server.jobs.Upstreams;
import io.tickhub.server.provider.fake.FakeUpstream;
import io.tickhub.server.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard on a hub that wants a key from everyone ({@code tickhub.security.mode=required},
 * loopback included): the prompt, a wrong key, the right key kept across a reload
 * (sessionStorage), a read-and-stream key without job controls, forget key, and a key revoked
 * under an open page. A real hub and the system's Chromium, headless; waits poll the page.
 */
class DashboardKeyBrowserTest {

    static final String ADMIN_KEY = "dashboard-browser-test-admin-key-0123456789";

    @TempDir
    static Path dir;

    static FakeUpstream yahoo;
    static int port;
    static ConfigurableApplicationContext hub;
    static ChromeDriver browser;
    static DashboardPage page;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        browser = Browser.open(1280, 900);
        yahoo = Upstreams.start();
        yahoo.on(yahooPath("KEYD"), yahooChart("KEYD", 42.0, Instant.now().getEpochSecond()));
        port = FreePorts.next();
        page = new DashboardPage(browser, port);
        hub = SpringApplication.run(TickhubApplication.class,
                "--server.port=" + port,
                "--tickhub.security.mode=required",
                "--tickhub.security.admin-key=" + ADMIN_KEY,
                "--tickhub.simulator.interval=500ms",
                "--tickhub.providers.yahoo.base-url=" + yahoo.baseUrl(),
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
        if (yahoo != null) {
            yahoo.close();
        }
    }

    @BeforeEach
    void freshTab() {
        page.open("/");
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        page.open("/");
    }

    @Test
    void aWrongKeyIsRefusedWithTheHubsMessageAndTheRightOneIsKeptForTheTabOnly() {
        page.waitFor(Duration.ofSeconds(10), d -> page.displayed(By.id("key-form")));
        assertThat(page.text(By.id("key-title"))).isEqualTo("This hub needs a key");
        assertThat(page.text(By.id("key-message"))).startsWith("Authentication required");
        assertThat(page.text(By.id("connection"))).isEqualTo("Key needed");
        assertThat(browser.findElements(By.cssSelector("#tickers"))).isEmpty();

        type("thk_aaaaaaaaaaaa_" + "x".repeat(43));
        page.waitFor(Duration.ofSeconds(10), d -> "auth_failed".equals(
                d.findElement(By.id("key-message")).getAttribute("data-code")));
        assertThat(page.text(By.id("key-title"))).isEqualTo("The hub refused this key");
        assertThat(browser.findElement(By.id("key-input")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(storedKey()).isNull();
        Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("key-refused.png"));

        type(ADMIN_KEY);
        page.waitFor(Duration.ofSeconds(20), d -> rows() >= 15);
        page.waitFor(Duration.ofSeconds(10), d -> page.text(By.id("connection")).equals("Live"));
        assertThat(page.text(By.id("access-who"))).isEqualTo("admin key");
        assertThat(page.text(By.id("access-scopes"))).isEqualTo("read, stream, jobs, admin");
        assertThat(page.text(By.id("access-expiry"))).isEqualTo("does not expire");
        assertThat(storedKey()).isEqualTo(ADMIN_KEY);
        assertThat((String) browser.executeScript("return JSON.stringify(localStorage)")).doesNotContain(ADMIN_KEY);
        assertThat((String) browser.executeScript("return document.cookie")).isEmpty();
        String before = pricesText();
        page.waitFor(Duration.ofSeconds(10), d -> !pricesText().equals(before)); // live quotes over the keyed stream

        browser.navigate().refresh();
        page.waitFor(Duration.ofSeconds(20), d -> rows() >= 15);
        assertThat(browser.findElements(By.id("key-form"))).isEmpty();
        page.waitFor(Duration.ofSeconds(10), d -> page.text(By.id("connection")).equals("Live"));
        Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("keyed-tickers.png"));

        browser.findElement(By.id("forget-key")).click();
        page.waitFor(Duration.ofSeconds(10), d -> page.displayed(By.id("key-form")));
        assertThat(storedKey()).isNull();
        assertThat(browser.findElement(By.id("forget-key")).isDisplayed()).isFalse();
    }

    @Test
    void aKeyWithOnlyReadAndStreamSeesJobsButNotTheirControls() throws Exception {
        String job = post("/api/v1/jobs", ADMIN_KEY, "{\"symbols\":[\"KEYD\"],\"interval\":3600}");
        String reader = field(post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"viewer\",\"scopes\":[\"read\",\"stream\"]}"), "key");
        try {
            page.waitFor(Duration.ofSeconds(10), d -> page.displayed(By.id("key-form")));
            type(reader);
            page.waitFor(Duration.ofSeconds(20), d -> rows() >= 15);
            assertThat(page.text(By.id("access-scopes"))).isEqualTo("read, stream");
            assertThat(page.text(By.id("access-who"))).startsWith("key:");

            page.open("/#/providers");
            page.waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("tr[data-job]")).isEmpty());
            assertThat(browser.findElement(By.id("job-form")).isDisplayed()).isFalse();
            assertThat(page.text(By.id("jobs-read-only"))).contains("needs the jobs scope");
            assertThat(browser.findElements(By.cssSelector("tr[data-job] button.danger"))).isEmpty();
            Browser.save(browser, DashboardBrowserTest.SCREENSHOTS.resolve("read-only-jobs.png"));
        } finally {
            delete("/api/v1/jobs/" + field(job, "id"), ADMIN_KEY);
        }
    }

    @Test
    void aKeyRevokedUnderAnOpenPageBringsThePromptBack() throws Exception {
        String created = post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"revoked-later\",\"scopes\":[\"read\",\"stream\"]}");
        page.waitFor(Duration.ofSeconds(10), d -> page.displayed(By.id("key-form")));
        type(field(created, "key"));
        page.waitFor(Duration.ofSeconds(20), d -> rows() >= 15);

        delete("/api/v1/keys/" + field(created, "id"), ADMIN_KEY);
        // The next REST call (quotes every 10 s) or the stream's close (4003) ends it.
        page.waitFor(Duration.ofSeconds(25), d -> page.displayed(By.id("key-form")));
        assertThat(storedKey()).isNull();
        assertThat(page.text(By.id("key-message"))).isNotEmpty();
        assertThat(page.text(By.id("connection"))).isEqualTo("Key needed");
    }

    // --- the page ------------------------------------------------------------------------------------

    private static void type(String key) {
        WebElement input = browser.findElement(By.id("key-input"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type='submit']")).click();
    }

    private static String storedKey() {
        return (String) browser.executeScript("return sessionStorage.getItem('tickhub.key')");
    }

    private static long rows() {
        return ((Number) browser.executeScript("return document.querySelectorAll('#tickers tbody tr').length")).longValue();
    }

    private static String pricesText() {
        return (String) browser.executeScript(
                "return [...document.querySelectorAll('#tickers tbody tr .price')].map(p => p.textContent).join()");
    }

    // --- the hub's API, as an operator would call it ----------------------------------------------------

    private static String post(String path, String key, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page.base() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 201);
        return response.body();
    }

    private static void delete(String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page.base() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("DELETE %s: %s", path, response.body()).isBetween(200, 204);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
