package io.tickhub.server.provider.finnhub;

import static io.tickhub.server.provider.fake.SecretAssertions.assertNoKey;
import static io.tickhub.server.provider.fake.SecretAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import io.tickhub.server.provider.fake.UpstreamFixtures;
import io.tickhub.server.provider.http.UpstreamHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finnhub's REST quote adapter against a fake Finnhub under {@code /api/v1}, speaking its real format. */
class FinnhubQuotesTest {

    private static final String KEY = "cnfhk9pr01qk8s7tbq0gcnfhk9pr01qk8s7tbq10";
    private static final String QUOTE = "/api/v1/quote";

    private final ManualClock clock = new ManualClock();
    private FakeUpstream finnhub;
    private UpstreamHttp http;
    private FinnhubQuotes quotes;

    @BeforeEach
    void start() throws Exception {
        finnhub = FakeUpstream.start();
        http = new UpstreamHttp(Duration.ofSeconds(5), clock);
        quotes = new FinnhubQuotes(new FinnhubRestSettings(finnhub.baseUrl("/api/v1"), KEY, Duration.ofMillis(300)), http);
    }

    @AfterEach
    void stop() {
        http.close();
        finnhub.close();
    }

    @Test
    void currentPriceAndTimeBecomeAQuoteLinkedToTheUnchangedPayload() throws Exception {
        String body = UpstreamFixtures.read("finnhub/quote-AAPL.json");
        finnhub.on(QUOTE, FakeReply.json(body));

        Fetched fetched = quotes.fetch("AAPL");

        var quote = fetched.quote();
        assertThat(quote.symbol()).isEqualTo("AAPL");
        assertThat(quote.provider()).isEqualTo("finnhub");
        assertThat(quote.price()).isEqualTo(261.74);
        assertThat(quote.providerTime()).isEqualTo(Instant.ofEpochSecond(1602705600));
        assertThat(quote.volume()).isZero();
        assertThat(quote.bid()).isNull();
        assertThat(fetched.payload().body()).isEqualTo(body);
        assertThat(fetched.payload().id()).isEqualTo(quote.rawId()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(fetched.payload().receivedAt()).isEqualTo(clock.instant());
    }

    @Test
    void asksUnderTheBaseUrlsPathWithSymbolAndToken() throws Exception {
        finnhub.on(QUOTE, FakeReply.json(UpstreamFixtures.read("finnhub/quote-AAPL.json")));

        quotes.fetch("BINANCE:BTCUSDT");

        assertThat(finnhub.onlyRequest().rawPath()).isEqualTo(QUOTE);
        assertThat(finnhub.onlyRequest().query()).isEqualTo(Map.of("symbol", "BINANCE:BTCUSDT", "token", KEY));
    }

    @Test
    void allZerosIsAnUnknownSymbol() {
        finnhub.on(QUOTE, FakeReply.json(UpstreamFixtures.read("finnhub/quote-unknown.json")));

        var e = failsWith(Kind.UNKNOWN_SYMBOL, () -> quotes.fetch("NOPE"));

        assertThat(e.getMessage()).contains("NOPE");
    }

    @Test
    void anInvalidKeyIsUnauthorized() {
        finnhub.on(QUOTE, FakeReply.json(401, "{\"error\":\"Invalid API key.\"}"));

        failsWith(Kind.UNAUTHORIZED, () -> quotes.fetch("AAPL"));
    }

    @Test
    void aSymbolOutsideThePlanIsUnauthorized() {
        finnhub.on(QUOTE, FakeReply.json(403, "{\"error\":\"You don't have access to this resource.\"}"));

        failsWith(Kind.UNAUTHORIZED, () -> quotes.fetch("VOD.L"));
    }

    @Test
    void theApiLimitIsRateLimitedForTheSecondsInRetryAfter() {
        finnhub.on(QUOTE, FakeReply.json(429, "{\"error\":\"API limit reached. Please try again later. Remaining Limit: 0\"}")
                .withHeader("Retry-After", "7"));

        var e = failsWith(Kind.RATE_LIMITED, () -> quotes.fetch("AAPL"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theApiLimitWithoutRetryAfterLeavesTheWaitToThePolicy() {
        finnhub.on(QUOTE, FakeReply.json(429, "{\"error\":\"API limit reached. Please try again later. Remaining Limit: 0\"}"));

        var e = failsWith(Kind.RATE_LIMITED, () -> quotes.fetch("AAPL"));

        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void aServerErrorIsUnavailable() {
        finnhub.on(QUOTE, FakeReply.text(502, "<html><head><title>502 Bad Gateway</title></head></html>"));

        failsWith(Kind.UNAVAILABLE, () -> quotes.fetch("AAPL"));
    }

    @Test
    void malformedJsonIsABadResponse() {
        finnhub.on(QUOTE, FakeReply.json("{\"c\":261.74,\"d\":-0.31,"));

        failsWith(Kind.BAD_RESPONSE, () -> quotes.fetch("AAPL"));
    }

    @Test
    void aQuoteWithoutPriceOrTimeIsABadResponse() {
        finnhub.on(QUOTE, FakeReply.json("{\"d\":-0.31,\"dp\":-0.1183}"));

        failsWith(Kind.BAD_RESPONSE, () -> quotes.fetch("AAPL"));
    }

    @Test
    void anUpstreamSlowerThanTheRequestTimeoutIsUnavailable() {
        var release = new CountDownLatch(1);
        finnhub.on(QUOTE, FakeReply.json(UpstreamFixtures.read("finnhub/quote-AAPL.json")).heldUntil(release));
        try {
            failsWith(Kind.UNAVAILABLE, () -> quotes.fetch("AAPL"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theKeyAppearsInNoFailureOfAnyKind() {
        var release = new CountDownLatch(1);
        List<FakeReply> failures = List.of(
                FakeReply.json(401, "{\"error\":\"Invalid API key.\"}"), FakeReply.json(403, "{}"),
                FakeReply.json(429, "{}"), FakeReply.text(500, "token=" + KEY),
                FakeReply.json("{\"error\":\"bad token " + KEY + "\"}"), FakeReply.json("not json " + KEY),
                FakeReply.json(UpstreamFixtures.read("finnhub/quote-unknown.json")), FakeReply.text(404, "404 page not found"),
                FakeReply.json(UpstreamFixtures.read("finnhub/quote-AAPL.json")).heldUntil(release));
        List<ProviderException> seen = new ArrayList<>();
        try {
            for (FakeReply reply : failures) {
                finnhub.on(QUOTE, reply);
                seen.add(failure());
            }
        } finally {
            release.countDown();
        }

        assertThat(seen).hasSize(failures.size());
        seen.forEach(e -> assertNoKey(e, KEY));
        assertThat(finnhub.requests()).allSatisfy(r -> assertThat(r.query()).containsEntry("token", KEY));
        assertThat(new FinnhubRestSettings(finnhub.baseUrl(), KEY, Duration.ofSeconds(1)).toString()).doesNotContain(KEY);
    }

    private ProviderException failure() {
        try {
            quotes.fetch("AAPL");
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected the fetch to fail");
    }
}
