package io.tickhub.server.http;

import org.springframework.test.json.JsonCompareMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.Store;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The routes that read the store, with their error cases; run once per database (H2 and
 * PostgreSQL subclasses). Each test has symbols of its own: the hub is shared.
 */
abstract class StoreRoutesContract {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    Store store;

    /** Store reads run on the bounded-elastic pool; a loaded CI machine may need more than the default 5 s. */
    @BeforeEach
    void patientClient() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Each subclass's symbols differ, so both can share a store-less name space in logs. */
    protected abstract String prefix();

    private String sym(String name) {
        return prefix() + name;
    }

    private void awaitStored(String symbol, long seq) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.lastSeq(symbol) >= seq);
    }

    private Quote from(String symbol, double price, String provider) {
        return feed.submit(new RawQuote(symbol, price, null, null, 0, provider, feed.clock().instant()));
    }

    // --- GET /prices/latest ------------------------------------------------------------------------

    @Test
    void latestPriceIsTheNewestOfAnyProviderOrOfTheOneNamed() {
        String s = sym("LP1");
        feed.clock().advance(Duration.ofSeconds(1));
        Quote yahoo = from(s, 100.5, "yfinance");
        feed.clock().advance(Duration.ofSeconds(1));
        from(s, 101.25, "alpha_vantage");
        awaitStored(s, 2);

        http.get().uri("/prices/latest?symbol=" + s.toLowerCase()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.symbol").isEqualTo(s)
                .jsonPath("$.price").isEqualTo(101.25)
                .jsonPath("$.provider").isEqualTo("alpha_vantage");
        http.get().uri("/prices/latest?symbol=" + s + "&provider=yfinance").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.price").isEqualTo(100.5)
                .jsonPath("$.provider").isEqualTo("yfinance")
                .jsonPath("$.timestamp").isEqualTo(Timestamps.iso(yahoo.providerTime()));
    }

    @Test
    void latestPriceOfAnUnknownSymbolOrProviderIs404AndAMissingSymbol422() {
        String s = sym("LP2");
        feed.price(s, 10);
        awaitStored(s, 1);

        http.get().uri("/prices/latest?symbol=" + s + "&provider=finnhub").exchange()
                .expectStatus().isNotFound().expectBody().json("{\"detail\":\"Price point not found\"}");
        // The simulator produces its own symbols and is never fetched live: a symbol it lacks is 404.
        http.get().uri("/prices/latest?symbol=" + sym("NEVER") + "&provider=simulator").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.detail").isEqualTo("Price point not found");
        http.get().uri("/prices/latest").exchange()
                .expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.detail[0].loc[1]").isEqualTo("symbol")
                .jsonPath("$.detail[0].type").isEqualTo("missing");
        http.get().uri("/prices/latest?symbol=bad symbol!").exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.detail[0].type").isEqualTo("invalid_symbol");
    }

    // --- GET /test-db ------------------------------------------------------------------------------

    @Test
    void testDbSaysConnectedOnBothRoutes() {
        for (String route : List.of("/test-db", "/prices/test-db")) {
            http.get().uri(route).exchange().expectStatus().isOk().expectBody().json("{\"status\":\"connected\"}", JsonCompareMode.STRICT);
        }
    }

    // --- GET /api/v1/history -----------------------------------------------------------------------

    @Test
    void historyPagesThroughEveryStoredPointInSeqOrder() {
        String s = sym("HI1");
        feed.ramp(s, 25, 100);
        awaitStored(s, 25);

        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = http.get().uri("/api/v1/history/" + s + "?limit=10" + (cursor == null ? "" : "&cursor=" + cursor))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            items.forEach(i -> seqs.add(((Number) i.get("seq")).intValue()));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(seqs).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void historyKeepsAHalfOpenRangeGivenInIsoOrEpochMillis() {
        String s = sym("HI2");
        feed.ramp(s, 6, 50);
        awaitStored(s, 6);
        List<Quote> all = store.history(s, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, 10);
        Instant from = all.get(1).hubTime();
        Instant to = all.get(4).hubTime();

        http.get().uri("/api/v1/history/" + s + "?from=" + from + "&to=" + to.toEpochMilli()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(3)
                .jsonPath("$.items[0].seq").isEqualTo(2)
                .jsonPath("$.items[0].price").isEqualTo(51.0)
                .jsonPath("$.items[2].seq").isEqualTo(4)
                .jsonPath("$.nextCursor").doesNotExist();
        http.get().uri("/api/v1/history/" + sym("NONE")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void historyRejectsBadTimesLimitsCursorsAndSymbolsWith422ProblemJson() {
        String base = "/api/v1/history/" + sym("HI3");
        Map<String, String> bad = Map.of(
                "?from=yesterday", "from",
                "?to=2025-13-45", "to",
                "?from=2025-01-02T00:00:00Z&to=2025-01-01", "to",
                "?limit=0", "limit",
                "?limit=10001", "limit",
                "?cursor=not-a-cursor", "cursor");
        bad.forEach((query, param) -> http.get().uri(base + query).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].loc[1]").isEqualTo(param));
        http.get().uri("/api/v1/history/bad$sym").exchange().expectStatus().isEqualTo(422);
        // A cursor of another endpoint is not a history cursor.
        http.get().uri(base + "?cursor=" + io.tickhub.server.http.error.Cursors.encode("bar", 1)).exchange()
                .expectStatus().isEqualTo(422);
    }

    // --- GET /api/v1/bars --------------------------------------------------------------------------

    @Test
    void barsAreTheStoredClosedOnesThenTheCurrentOne() {
        String s = sym("BA1");
        Map<Instant, List<Double>> byMinute = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            feed.clock().advance(Duration.ofSeconds(20));
            double price = 100 + (i * 7 % 5);
            Quote q = feed.price(s, price);
            byMinute.computeIfAbsent(BarInterval.M1.start(q.providerTime(), java.time.ZoneOffset.UTC),
                    t -> new ArrayList<>()).add(price);
        }
        List<Instant> minutes = new ArrayList<>(byMinute.keySet());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                store.newestBars(s, BarInterval.M1, 100).size() >= minutes.size() - 1);

        var body = http.get().uri("/api/v1/bars/" + s + "?interval=1m").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.interval").isEqualTo("1m")
                .jsonPath("$.bars.length()").isEqualTo(minutes.size())
                .jsonPath("$.bars[-1:].closed").isEqualTo(false);
        for (int i = 0; i < minutes.size(); i++) {
            List<Double> prices = byMinute.get(minutes.get(i));
            body.jsonPath("$.bars[" + i + "].t").isEqualTo(Timestamps.iso(minutes.get(i)))
                    .jsonPath("$.bars[" + i + "].o").isEqualTo(prices.getFirst())
                    .jsonPath("$.bars[" + i + "].h").isEqualTo(prices.stream().mapToDouble(d -> d).max().orElseThrow())
                    .jsonPath("$.bars[" + i + "].l").isEqualTo(prices.stream().mapToDouble(d -> d).min().orElseThrow())
                    .jsonPath("$.bars[" + i + "].c").isEqualTo(prices.getLast())
                    .jsonPath("$.bars[" + i + "].n").isEqualTo(prices.size());
        }
        var firstPage = http.get().uri("/api/v1/bars/" + s + "?interval=1m&limit=2").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(firstPage.get("nextCursor")).isNotNull();
        http.get().uri("/api/v1/bars/" + s + "?interval=1m&limit=2&cursor=" + firstPage.get("nextCursor")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.bars[0].t").isEqualTo(Timestamps.iso(minutes.get(2)));
    }

    @Test
    void barsRejectAnUnknownIntervalAndBadParametersWith422() {
        String base = "/api/v1/bars/" + sym("BA2");
        for (String query : List.of("?interval=2m", "?interval=1m&from=soon", "?limit=-1", "?cursor=%%%")) {
            http.get().uri(base + query).exchange().expectStatus().isEqualTo(422)
                    .expectHeader().contentType("application/problem+json");
        }
        http.get().uri(base + "?interval=7m").exchange().expectBody()
                .jsonPath("$.errors[0].loc[1]").isEqualTo("interval");
    }

    // --- windows beyond the book, from the store ----------------------------------------------------

    @Test
    void movingAveragesAndIndicatorsReachBeyondTheBookIntoTheStore() {
        String s = sym("MA1");
        feed.ramp(s, 60, 1); // prices 1..60; the book holds the last 50
        awaitStored(s, 60);

        http.get().uri("/prices/ma?symbol=" + s + "&window=60").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.moving_average").isEqualTo(30.5);
        http.get().uri("/api/v1/indicators/sma/" + s + "?window=55").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.value").isEqualTo(33.0)
                .jsonPath("$.points").isEqualTo(55);
        http.get().uri("/api/v1/indicators/sma/" + s + "?window=61").exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/indicators/sma/" + s + "?window=2&interval=1m").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.interval").isEqualTo("1m");
        http.get().uri("/api/v1/indicators/sma/" + s + "?interval=2m").exchange().expectStatus().isEqualTo(422);
    }
}
