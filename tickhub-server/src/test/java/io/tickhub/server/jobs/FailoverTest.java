package io.tickhub.server.jobs;

import static io.tickhub.server.jobs.Upstreams.finnhubQuote;
import static io.tickhub.server.jobs.Upstreams.yahooChart;
import static io.tickhub.server.jobs.Upstreams.yahooPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.HubTest;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two providers feed one symbol: the preferred one (Finnhub) serves while it delivers; when it fails
 * for k intervals the symbol is marked stale-and-failed-over and Yahoo serves; when Finnhub is back it
 * serves again. The hub's clock is manual: each step moves it and waits for the poller's real ticks.
 */
@HubTest
class FailoverTest {

    static final FakeUpstream upstream = Upstreams.start();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        Upstreams.pointAt(upstream, registry);
        registry.add("tickhub.failover.stale-after-intervals", () -> "3");
        registry.add("tickhub.jobs.backoff-max", () -> "2s");
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Autowired
    WebTestClient http;
    @Autowired
    Book book;
    @Autowired
    ManualClock clock;
    @Autowired
    PollingJobs jobs;
    @Autowired
    FeedBoard feeds;

    @Test
    void aSilentPreferredProviderFailsOverToTheNextAndTakesOverAgainWhenBack() {
        upstream.on("/api/v1/quote", finnhubQuote(100.0, 1_735_828_200));
        upstream.on(yahooPath("FOV"), yahooChart("FOV", 99.0, 1_735_828_200));
        jobs.create(List.of("FOV"), 1, "finnhub");
        jobs.create(List.of("FOV"), 1, "yfinance");

        await().until(() -> pollsOf("/api/v1/quote") >= 1 && pollsOf(yahooPath("FOV")) >= 1);
        step(); // both heard, the preferred one serves
        assertThat(latest().provider()).isEqualTo("finnhub");
        assertThat(feeds.status("FOV").orElseThrow().failedOver()).isFalse();

        upstream.on("/api/v1/quote", FakeReply.text(502, "Bad Gateway"));
        for (int i = 0; i < 5; i++) {
            step(); // Finnhub fails, Yahoo keeps answering the same observation every second
        }
        await().until(() -> latest().provider().equals("yfinance"));
        assertThat(latest().price()).isEqualTo(99.0);
        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.failed_over.FOV").isEqualTo("yfinance")
                .jsonPath("$.stale_symbols.length()").isEqualTo(0);
        http.get().uri("/api/v1/feeds").exchange().expectBody()
                .jsonPath("$.feeds[?(@.symbol=='FOV')].serving").isEqualTo("yfinance")
                .jsonPath("$.feeds[?(@.symbol=='FOV')].preferred").isEqualTo("finnhub");

        upstream.on("/api/v1/quote", finnhubQuote(101.0, 1_735_828_260));
        for (int i = 0; i < 4; i++) {
            step(); // past Finnhub's backoff (at most 2 s here)
        }
        await().until(() -> latest().provider().equals("finnhub"));
        assertThat(latest().price()).isEqualTo(101.0);
        await().until(() -> !feeds.status("FOV").orElseThrow().failedOver());

        upstream.on(yahooPath("FOV"), FakeReply.text(500, "down"));
        upstream.on("/api/v1/quote", FakeReply.text(500, "down"));
        for (int i = 0; i < 5; i++) {
            step(); // both silent: stale
        }
        await().until(() -> feeds.status("FOV").orElseThrow().stale());
        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.stale_symbols[0]").isEqualTo("FOV");
        http.get().uri("/api/v1/quotes/FOV").exchange().expectBody().jsonPath("$.stale").isEqualTo(true);
    }

    /** One second of the hub's time, and every poll due by then made (each symbol's next poll is later). */
    private void step() {
        clock.advance(Duration.ofSeconds(1));
        await().until(() -> jobs.list().stream()
                .flatMap(j -> j.symbols().stream())
                .allMatch(s -> s.nextPoll().isAfter(clock.instant())));
    }

    private long pollsOf(String path) {
        return upstream.requests().stream().filter(r -> r.rawPath().startsWith(path)).count();
    }

    private Quote latest() {
        return book.latest("FOV").orElseThrow();
    }
}
