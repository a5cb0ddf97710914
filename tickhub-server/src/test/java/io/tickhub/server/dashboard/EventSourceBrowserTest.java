package io.tickhub.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Quote;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser's {@code EventSource} on GET /api/v1/stream: the few lines of docs/protocol.md (SSE) get every
 * message in {@code onmessage}; with {@code ?events=named}, {@code addEventListener} per type gets them instead.
 */
@HubTest
class EventSourceBrowserTest {

    /** Collects {type, id} of what each listener receives into window.__got, as a page would read it. */
    static final String LISTEN = """
            window.__got = {onmessage: [], named: [], namedOnmessage: []};
            const plain = new EventSource('/api/v1/stream?symbols=' + arguments[0]);
            plain.onmessage = e => window.__got.onmessage.push({type: JSON.parse(e.data).type, id: e.lastEventId});
            const named = new EventSource('/api/v1/stream?events=named&symbols=' + arguments[0]);
            named.onmessage = e => window.__got.namedOnmessage.push(JSON.parse(e.data).type);
            named.addEventListener('price_update',
                e => window.__got.named.push({type: JSON.parse(e.data).type, id: e.lastEventId}));
            window.__sources = [plain, named];
            """;

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    StreamEpoch epoch;

    ChromeDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(800, 600);
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onmessageGetsEveryMessageAndNamedEventsReachTheirListeners() {
        feed.price("ESB1", 10);
        browser.get("http://127.0.0.1:" + port + "/health"); // any page of the hub's origin
        browser.executeScript(LISTEN, "ESB1");
        await().atMost(Duration.ofSeconds(10)).until(() -> types("onmessage").contains("subscription")
                && !got("named").isEmpty());

        Quote live = feed.prices("ESB1", 11);
        String id = "ESB1:" + live.seq() + "@" + epoch.id();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids("onmessage").contains(id) && ids("named").contains(id));

        assertThat(types("onmessage")).startsWith("connection").contains("price_update", "subscription");
        assertThat(got("namedOnmessage")).as("named events never reach onmessage").isEmpty();
        browser.executeScript("window.__sources.forEach(s => s.close())");
    }

    private List<Object> got(String listener) {
        return (List<Object>) ((Map<String, Object>) browser.executeScript("return window.__got")).get(listener);
    }

    private List<Object> types(String listener) {
        return got(listener).stream().map(e -> ((Map<?, ?>) e).get("type")).map(Object.class::cast).toList();
    }

    private List<Object> ids(String listener) {
        return got(listener).stream().map(e -> ((Map<?, ?>) e).get("id")).map(Object.class::cast).toList();
    }
}
