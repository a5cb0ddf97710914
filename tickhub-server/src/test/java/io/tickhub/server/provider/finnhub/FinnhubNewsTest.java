package io.tickhub.server.provider.finnhub;

import static io.tickhub.server.provider.fake.SecretAssertions.assertNoKey;
import static io.tickhub.server.provider.fake.SecretAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import io.tickhub.server.provider.fake.UpstreamFixtures;
import io.tickhub.server.provider.http.UpstreamHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finnhub's company-news adapter against a fake Finnhub under {@code /api/v1}, speaking its real format. */
class FinnhubNewsTest {

    private static final String KEY = "cnfhk9pr01qk8s7tbq0gcnfhk9pr01qk8s7tbq10";
    private static final String NEWS = "/api/v1/company-news";
    private static final LocalDate FROM = LocalDate.of(2024, 3, 1);
    private static final LocalDate TO = LocalDate.of(2024, 3, 2);

    private final ManualClock clock = new ManualClock();
    private FakeUpstream finnhub;
    private UpstreamHttp http;
    private FinnhubNews news;

    @BeforeEach
    void start() throws Exception {
        finnhub = FakeUpstream.start();
        http = new UpstreamHttp(Duration.ofSeconds(5), clock);
        news = new FinnhubNews(new FinnhubRestSettings(finnhub.baseUrl("/api/v1"), KEY, Duration.ofMillis(300)), http);
    }

    @AfterEach
    void stop() {
        http.close();
        finnhub.close();
    }

    @Test
    void articlesBecomeNewsItemsWithFinnhubIds() throws Exception {
        finnhub.on(NEWS, FakeReply.json(UpstreamFixtures.read("finnhub/company-news-AAPL.json")));

        List<NewsItem> items = news.news("AAPL", FROM, TO);

        assertThat(items).hasSize(2);
        NewsItem first = items.getFirst();
        assertThat(first.id()).isEqualTo("finnhub-126171012");
        assertThat(first.symbols()).containsExactly("AAPL");
        assertThat(first.headline()).isEqualTo("Apple to face EU fine of about 500 million euros in music streaming probe");
        assertThat(first.summary()).startsWith("Apple is set to be fined");
        assertThat(first.source()).isEqualTo("Reuters");
        assertThat(first.url()).startsWith("https://finnhub.io/api/news?id=");
        assertThat(first.published()).isEqualTo(Instant.ofEpochSecond(1709323200));
        assertThat(news.name()).isEqualTo("finnhub");
    }

    @Test
    void asksForTheSymbolAndDaysWithTheToken() throws Exception {
        finnhub.on(NEWS, FakeReply.json("[]"));

        news.news("AAPL", FROM, TO);

        assertThat(finnhub.onlyRequest().query())
                .isEqualTo(Map.of("symbol", "AAPL", "from", "2024-03-01", "to", "2024-03-02", "token", KEY));
    }

    @Test
    void relatedSymbolsAreNormalisedAfterTheRequestedOneAndInvalidOnesDropped() throws Exception {
        finnhub.on(NEWS, FakeReply.json(UpstreamFixtures.read("finnhub/company-news-AAPL.json")));

        NewsItem megacaps = news.news("AAPL", FROM, TO).get(1);

        assertThat(megacaps.symbols()).containsExactly("AAPL", "MSFT", "GOOGL");
        assertThat(megacaps.summary()).as("blank summary").isNull();
    }

    @Test
    void anItemWithABlankHeadlineIsSkippedAndCountedWhileTheBatchIsKept() throws Exception {
        finnhub.on(NEWS, FakeReply.json(UpstreamFixtures.read("finnhub/company-news-AAPL.json")));

        List<NewsItem> items = news.news("AAPL", FROM, TO);

        assertThat(items).extracting(NewsItem::id).containsExactly("finnhub-126171012", "finnhub-126170851");
        assertThat(news.skippedItems()).isEqualTo(1);
    }

    @Test
    void anItemWithoutIdOrTimeIsSkippedAndCounted() throws Exception {
        finnhub.on(NEWS, FakeReply.json("""
                [{"category":"company","headline":"No time","id":1,"related":"AAPL","source":"Reuters"},
                 {"category":"company","datetime":1709323200,"headline":"No id","related":"AAPL","source":"Reuters"}]"""));

        assertThat(news.news("AAPL", FROM, TO)).isEmpty();
        assertThat(news.skippedItems()).isEqualTo(2);
    }

    @Test
    void noNewsIsAnEmptyList() throws Exception {
        finnhub.on(NEWS, FakeReply.json("[]"));

        assertThat(news.news("NOPE", FROM, TO)).isEmpty();
    }

    @Test
    void anInvalidKeyIsUnauthorized() {
        finnhub.on(NEWS, FakeReply.json(401, "{\"error\":\"Invalid API key.\"}"));

        var e = failsWith(Kind.UNAUTHORIZED, () -> news.news("AAPL", FROM, TO));

        assertNoKey(e, KEY);
    }

    @Test
    void theApiLimitIsRateLimited() {
        finnhub.on(NEWS, FakeReply.json(429, "{\"error\":\"API limit reached. Please try again later. Remaining Limit: 0\"}")
                .withHeader("Retry-After", "5"));

        var e = failsWith(Kind.RATE_LIMITED, () -> news.news("AAPL", FROM, TO));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertNoKey(e, KEY);
    }

    @Test
    void aServerErrorIsUnavailable() {
        finnhub.on(NEWS, FakeReply.text(500, "Internal Server Error"));

        failsWith(Kind.UNAVAILABLE, () -> news.news("AAPL", FROM, TO));
    }

    @Test
    void anErrorObjectInsteadOfAnArrayIsABadResponseWithoutTheKey() {
        finnhub.on(NEWS, FakeReply.json("{\"error\":\"Wrong token " + KEY + "\"}"));

        var e = failsWith(Kind.BAD_RESPONSE, () -> news.news("AAPL", FROM, TO));

        assertThat(e.getMessage()).contains("Wrong token ***");
        assertNoKey(e, KEY);
    }

    @Test
    void malformedJsonIsABadResponse() {
        finnhub.on(NEWS, FakeReply.json("[{\"category\":\"company\",\"datetime\":17093"));

        failsWith(Kind.BAD_RESPONSE, () -> news.news("AAPL", FROM, TO));
    }

    @Test
    void anUpstreamSlowerThanTheRequestTimeoutIsUnavailable() {
        var release = new CountDownLatch(1);
        finnhub.on(NEWS, FakeReply.json("[]").heldUntil(release));
        try {
            var e = failsWith(Kind.UNAVAILABLE, () -> news.news("AAPL", FROM, TO));

            assertNoKey(e, KEY);
        } finally {
            release.countDown();
        }
    }
}
