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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * The dashboard and Swagger UI work under the hub's Content-Security-Policy: the page reports no violation
 * (a listener added before any of its scripts runs collects them) and does its job. Skipped when the
 * dashboard was not built or Chromium is missing, as the other browser tests.
 */
class ContentSecurityPolicyBrowserTest {

    /** Runs before the page's own scripts, outside its CSP, on every document the browser opens. */
    static final String COLLECT_VIOLATIONS = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));";

    @TempDir
    static Path dir;

    static int port;
    static ConfigurableApplicationContext hub;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ClassPathResource("static/index.html").exists(),
                "dashboard not built (-Dfrontend.skip)");
        browser = Browser.open(1280, 900);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_VIOLATIONS));
        port = FreePorts.next();
        hub = SpringApplication.run(TickhubApplication.class,
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--tickhub.simulator.interval=500ms",
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
    void theDashboardStreamsAndDrawsAChartWithoutAViolation() {
        browser.get("http://127.0.0.1:" + port + "/");
        waitFor(Duration.ofSeconds(20), () -> browser.findElement(By.id("connection")).getText().equals("Live")
                && browser.findElements(By.cssSelector("tbody tr")).size() >= 15);
        browser.get("http://127.0.0.1:" + port + "/#/s/AAPL");
        waitFor(Duration.ofSeconds(20), () -> !browser.findElements(By.cssSelector("#chart canvas")).isEmpty());
        browser.findElement(By.cssSelector("a.skip")).sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("view");
        assertThat(browser.executeScript("return location.hash")).as("the skip link's inline handler ran (allowed by"
                + " its hash) and kept the browser from following #view").isEqualTo("#/s/AAPL");
        assertThat(violations()).isEmpty();
    }

    @Test
    void anInjectedInlineScriptIsRefused() {
        browser.get("http://127.0.0.1:" + port + "/");
        browser.executeScript("const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
                + "document.body.appendChild(s);");
        waitFor(Duration.ofSeconds(5), () -> !violations().isEmpty());
        assertThat(violations().getFirst()).startsWith("script-src");
        assertThat(browser.executeScript("return window.__ran === true")).isEqualTo(false);
    }

    @Test
    void swaggerUiRendersTheApiWithoutAViolation() {
        browser.get("http://127.0.0.1:" + port + "/swagger-ui/index.html");
        waitFor(Duration.ofSeconds(20), () -> !browser.findElements(By.cssSelector(".opblock")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("Tickhub");
        assertThat(violations()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations() {
        return (List<String>) browser.executeScript("return window.__violations;");
    }

    private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).until(d -> condition.getAsBoolean());
    }
}
