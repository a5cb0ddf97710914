package io.tickhub.server.provider.yahoo;

import static io.tickhub.server.provider.fake.SecretAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import io.tickhub.server.provider.fake.UpstreamFixtures;
import io.tickhub.server.provider.http.UpstreamHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Yahoo chart adapter against a fake Yahoo speaking the chart API's real format. */
class YahooChartProviderTest {

    private static final String CHART = "/v8/finance/chart/";

    private final ManualClock clock = new ManualClock();
    private FakeUpstream yahoo;
    private UpstreamHttp http;
    private YahooChartProvider provider;

    @BeforeEach
    void start() throws Exception {
        yahoo = FakeUpstream.start();
        http = new UpstreamHttp(Duration.ofSeconds(5), clock);
        provider = new YahooChartProvider(new YahooChartSettings(yahoo.baseUrl(), Duration.ofMillis(300)), http);
    }

    @AfterEach
    void stop() {
        http.close();
        yahoo.close();
    }

    @Test
    void chartMetaBecomesAQuoteLinkedToTheUnchangedPayload() throws Exception {
        String body = UpstreamFixtures.read("yahoo/chart-AAPL.json");
        yahoo.on(CHART + "AAPL", FakeReply.json(body));

        Fetched fetched = provider.fetch("AAPL");

        var quote = fetched.quote();
        assertThat(quote.symbol()).isEqualTo("AAPL");
        assertThat(quote.provider()).isEqualTo("yfinance");
        assertThat(quote.price()).isEqualTo(192.25);
        assertThat(quote.providerTime()).isEqualTo(Instant.parse("2024-05-31T20:00:00Z"));
        assertThat(quote.volume()).isEqualTo(75158277);
        assertThat(quote.bid()).isNull();
        assertThat(quote.ask()).isNull();
        var payload = fetched.payload();
        assertThat(payload.body()).isEqualTo(body);
        assertThat(payload.id()).isEqualTo(quote.rawId()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(payload.provider()).isEqualTo("yfinance");
        assertThat(payload.symbol()).isEqualTo("AAPL");
        assertThat(payload.receivedAt()).isEqualTo(clock.instant());
        assertThat(payload.contentType()).startsWith("application/json");
    }

    @Test
    void asksForOneDayOfMinuteBarsWithABrowserUserAgent() throws Exception {
        yahoo.on(CHART + "AAPL", FakeReply.json(UpstreamFixtures.read("yahoo/chart-AAPL.json")));

        provider.fetch("AAPL");

        var request = yahoo.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo(Map.of("range", "1d", "interval", "1m"));
        assertThat(request.userAgent()).startsWith("Mozilla/5.0").doesNotContain("Java");
    }

    @Test
    void indexAndCurrencySymbolsArePercentEncodedInThePath() throws Exception {
        yahoo.on(CHART + "^GSPC", FakeReply.json(UpstreamFixtures.read("yahoo/chart-AAPL.json")));
        yahoo.on(CHART + "EURUSD=X", FakeReply.json(UpstreamFixtures.read("yahoo/chart-AAPL.json")));

        provider.fetch("^GSPC");
        provider.fetch("EURUSD=X");

        assertThat(yahoo.requests()).extracting(r -> r.rawPath())
                .containsExactly(CHART + "%5EGSPC", CHART + "EURUSD%3DX");
    }

    @Test
    void aQuoteWithoutVolumeHasVolumeZero() throws Exception {
        yahoo.on(CHART + "EURUSD=X", FakeReply.json("""
                {"chart":{"result":[{"meta":{"currency":"USD","symbol":"EURUSD=X","exchangeName":"CCY",\
                "instrumentType":"CURRENCY","regularMarketTime":1717189200,"regularMarketPrice":1.0848,\
                "dataGranularity":"1m","range":"1d"},"timestamp":[1717189200],\
                "indicators":{"quote":[{"open":[1.0848],"close":[1.0848],"volume":[0]}]}}],"error":null}}"""));

        var quote = provider.fetch("EURUSD=X").quote();

        assertThat(quote.price()).isEqualTo(1.0848);
        assertThat(quote.volume()).isZero();
    }

    @Test
    void notFoundIsAnUnknownSymbolWithYahoosDescription() {
        yahoo.on(CHART + "NOPE", FakeReply.json(404, UpstreamFixtures.read("yahoo/chart-not-found.json")));

        var e = failsWith(Kind.UNKNOWN_SYMBOL, () -> provider.fetch("NOPE"));

        assertThat(e.getMessage()).contains("NOPE").contains("symbol may be delisted");
    }

    @Test
    void aChartErrorOtherThanNotFoundIsABadResponse() {
        yahoo.on(CHART + "AAPL", FakeReply.json("""
                {"chart":{"result":null,"error":{"code":"Internal Server Error","description":"Unexpected error"}}}"""));

        failsWith(Kind.BAD_RESPONSE, () -> provider.fetch("AAPL"));
    }

    @Test
    void tooManyRequestsIsRateLimitedForTheSecondsInRetryAfter() {
        yahoo.on(CHART + "AAPL", FakeReply.text(429, "Too Many Requests\r\n").withHeader("Retry-After", "30"));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("AAPL"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheInjectedClock() {
        clock.set(Instant.parse("2025-01-02T14:30:00Z"));
        yahoo.on(CHART + "AAPL", FakeReply.text(429, "Too Many Requests\r\n")
                .withHeader("Retry-After", "Thu, 02 Jan 2025 14:31:30 GMT"));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("AAPL"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aServerErrorIsUnavailable() {
        yahoo.on(CHART + "AAPL", FakeReply.text(502, "<html><body>Bad Gateway</body></html>"));

        failsWith(Kind.UNAVAILABLE, () -> provider.fetch("AAPL"));
    }

    @Test
    void unauthorizedIsUnauthorized() {
        yahoo.on(CHART + "AAPL", FakeReply.json(401, """
                {"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}"""));

        failsWith(Kind.UNAUTHORIZED, () -> provider.fetch("AAPL"));
    }

    @Test
    void malformedJsonIsABadResponse() {
        yahoo.on(CHART + "AAPL", FakeReply.json("{\"chart\":{\"result\":[{\"meta\":{\"regularMarketPrice\":19"));

        failsWith(Kind.BAD_RESPONSE, () -> provider.fetch("AAPL"));
    }

    @Test
    void aChartWithoutAPriceIsABadResponse() {
        yahoo.on(CHART + "AAPL", FakeReply.json("""
                {"chart":{"result":[{"meta":{"currency":"USD","symbol":"AAPL","regularMarketTime":1717185600},\
                "timestamp":[],"indicators":{"quote":[{}]}}],"error":null}}"""));

        var e = failsWith(Kind.BAD_RESPONSE, () -> provider.fetch("AAPL"));

        assertThat(e.getMessage()).contains("regularMarketPrice");
    }

    @Test
    void anUpstreamSlowerThanTheRequestTimeoutIsUnavailable() {
        var release = new CountDownLatch(1);
        yahoo.on(CHART + "AAPL", FakeReply.json(UpstreamFixtures.read("yahoo/chart-AAPL.json")).heldUntil(release));
        try {
            var e = failsWith(Kind.UNAVAILABLE, () -> provider.fetch("AAPL"));

            assertThat(e.getMessage()).contains("300 ms").contains(CHART + "AAPL").doesNotContain("range=");
        } finally {
            release.countDown();
        }
    }
}
