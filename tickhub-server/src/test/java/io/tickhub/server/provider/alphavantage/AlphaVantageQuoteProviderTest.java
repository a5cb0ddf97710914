package io.tickhub.server.provider.alphavantage;

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

/** The Alpha Vantage adapter against a fake Alpha Vantage speaking GLOBAL_QUOTE's real format and refusals. */
class AlphaVantageQuoteProviderTest {

    private static final String KEY = "AVKEY7QX2M9D4T1B";

    private final ManualClock clock = new ManualClock();
    private FakeUpstream alphaVantage;
    private UpstreamHttp http;
    private AlphaVantageQuoteProvider provider;

    @BeforeEach
    void start() throws Exception {
        alphaVantage = FakeUpstream.start();
        http = new UpstreamHttp(Duration.ofSeconds(5), clock);
        provider = new AlphaVantageQuoteProvider(
                new AlphaVantageSettings(alphaVantage.baseUrl(), KEY, Duration.ofMillis(300)), http);
    }

    @AfterEach
    void stop() {
        http.close();
        alphaVantage.close();
    }

    private void answer(FakeReply reply) {
        alphaVantage.on("/query", reply);
    }

    private static FakeReply fixture(String name) {
        return FakeReply.json(UpstreamFixtures.read("alphavantage/" + name).replace("{{KEY}}", KEY));
    }

    @Test
    void globalQuoteBecomesAQuoteLinkedToTheUnchangedPayload() throws Exception {
        String body = UpstreamFixtures.read("alphavantage/global-quote-IBM.json");
        answer(FakeReply.json(body));

        Fetched fetched = provider.fetch("IBM");

        var quote = fetched.quote();
        assertThat(quote.symbol()).isEqualTo("IBM");
        assertThat(quote.provider()).isEqualTo("alpha_vantage");
        assertThat(quote.price()).isEqualTo(187.53);
        assertThat(quote.volume()).isEqualTo(3170811);
        assertThat(quote.bid()).isNull();
        assertThat(quote.ask()).isNull();
        assertThat(fetched.payload().body()).isEqualTo(body);
        assertThat(fetched.payload().id()).isEqualTo(quote.rawId()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(fetched.payload().receivedAt()).isEqualTo(clock.instant());
    }

    @Test
    void sendsFunctionSymbolAndKeyAsQueryParameters() throws Exception {
        answer(fixture("global-quote-IBM.json"));

        provider.fetch("BRK.B");

        assertThat(alphaVantage.onlyRequest().rawPath()).isEqualTo("/query");
        assertThat(alphaVantage.onlyRequest().query())
                .isEqualTo(Map.of("function", "GLOBAL_QUOTE", "symbol", "BRK.B", "apikey", KEY));
    }

    @Test
    void providerTimeIsTheStartOfTheTradingDayInNewYork() throws Exception {
        answer(fixture("global-quote-IBM.json"));
        assertThat(provider.fetch("IBM").quote().providerTime()).isEqualTo(Instant.parse("2024-03-01T05:00:00Z"));

        answer(FakeReply.json(UpstreamFixtures.read("alphavantage/global-quote-IBM.json")
                .replace("2024-03-01", "2024-07-01")));
        assertThat(provider.fetch("IBM").quote().providerTime())
                .as("daylight saving time").isEqualTo(Instant.parse("2024-07-01T04:00:00Z"));
    }

    @Test
    void repeatedPollsOfTheSameDayPriceAndVolumeAreTheSameObservation() throws Exception {
        answer(fixture("global-quote-IBM.json"));

        Fetched first = provider.fetch("IBM");
        Fetched second = provider.fetch("IBM");

        assertThat(second.sameObservationAs(first)).isTrue();
        assertThat(second.payload().id()).isNotEqualTo(first.payload().id());
    }

    @Test
    void theNoteAboutCallFrequencyIsRateLimitedNotAPrice() {
        answer(fixture("note-per-minute.json"));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("IBM"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(e.getMessage()).contains("5 calls per minute");
    }

    @Test
    void theDailyLimitInformationIsRateLimitedAndTheKeyItEchoesIsMasked() {
        answer(fixture("information-daily-limit.json"));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("IBM"));

        assertThat(e.getMessage()).contains("25 requests per day").contains("your API key as ***");
        assertNoKey(e, KEY);
    }

    @Test
    void theBurstLimitInformationIsRateLimitedForAMinute() {
        answer(FakeReply.json("""
                {
                    "Information": "Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day)."
                }"""));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("IBM"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anInvalidOrMissingKeyIsUnauthorized() {
        answer(fixture("information-invalid-key.json"));

        failsWith(Kind.UNAUTHORIZED, () -> provider.fetch("IBM"));
    }

    @Test
    void theDemoKeyNoticeIsUnauthorized() {
        answer(FakeReply.json("""
                {
                    "Information": "The **demo** API key is for demo purposes only. Please claim your free API key at (https://www.alphavantage.co/support/#api-key) to explore our full API offerings. It takes fewer than 20 seconds."
                }"""));

        failsWith(Kind.UNAUTHORIZED, () -> provider.fetch("IBM"));
    }

    @Test
    void anErrorMessageIsAnUnknownSymbol() {
        answer(fixture("error-message.json"));

        var e = failsWith(Kind.UNKNOWN_SYMBOL, () -> provider.fetch("NOPE"));

        assertThat(e.getMessage()).contains("NOPE").contains("Invalid API call");
    }

    @Test
    void anEmptyGlobalQuoteIsAnUnknownSymbol() {
        answer(fixture("global-quote-empty.json"));

        failsWith(Kind.UNKNOWN_SYMBOL, () -> provider.fetch("NOPE"));
    }

    @Test
    void httpTooManyRequestsIsRateLimitedForTheSecondsInRetryAfter() {
        answer(FakeReply.json(429, "{}").withHeader("Retry-After", "60"));

        var e = failsWith(Kind.RATE_LIMITED, () -> provider.fetch("IBM"));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aServerErrorIsUnavailable() {
        answer(FakeReply.text(503, "Service Unavailable"));

        failsWith(Kind.UNAVAILABLE, () -> provider.fetch("IBM"));
    }

    @Test
    void malformedJsonIsABadResponse() {
        answer(FakeReply.json("{\"Global Quote\": {\"05. price\": \"187.53"));

        failsWith(Kind.BAD_RESPONSE, () -> provider.fetch("IBM"));
    }

    @Test
    void aPriceThatIsNotANumberIsABadResponse() {
        answer(FakeReply.json(UpstreamFixtures.read("alphavantage/global-quote-IBM.json")
                .replace("\"187.5300\"", "\"n/a\"")));

        var e = failsWith(Kind.BAD_RESPONSE, () -> provider.fetch("IBM"));

        assertThat(e.getMessage()).contains("05. price");
    }

    @Test
    void anUpstreamSlowerThanTheRequestTimeoutIsUnavailable() {
        var release = new CountDownLatch(1);
        answer(fixture("global-quote-IBM.json").heldUntil(release));
        try {
            failsWith(Kind.UNAVAILABLE, () -> provider.fetch("IBM"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theKeyAppearsInNoFailureOfAnyKind() {
        var release = new CountDownLatch(1);
        List<FakeReply> failures = List.of(
                fixture("note-per-minute.json"), fixture("information-daily-limit.json"),
                fixture("information-invalid-key.json"), fixture("error-message.json"),
                fixture("global-quote-empty.json"), FakeReply.json(429, "{}"), FakeReply.json(401, "{}"),
                FakeReply.text(500, "apikey=" + KEY), FakeReply.json("{\"Information\":\"" + KEY + "\"}"),
                FakeReply.json("not json " + KEY), FakeReply.text(404, "nothing here"),
                fixture("global-quote-IBM.json").heldUntil(release));
        List<ProviderException> seen = new ArrayList<>();
        try {
            for (FakeReply reply : failures) {
                answer(reply);
                seen.add(failsWithAnyKind());
            }
        } finally {
            release.countDown();
        }

        assertThat(seen).hasSize(failures.size());
        seen.forEach(e -> assertNoKey(e, KEY));
        assertThat(alphaVantage.requests()).allSatisfy(r -> assertThat(r.query()).containsEntry("apikey", KEY));
        assertThat(provider.toString() + new AlphaVantageSettings(alphaVantage.baseUrl(), KEY, Duration.ofSeconds(1)))
                .doesNotContain(KEY);
    }

    private ProviderException failsWithAnyKind() {
        try {
            provider.fetch("IBM");
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected the fetch to fail");
    }
}
