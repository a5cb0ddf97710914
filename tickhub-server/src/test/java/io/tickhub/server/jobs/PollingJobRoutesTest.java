package io.tickhub.server.jobs;

import static io.tickhub.server.jobs.Upstreams.yahooChart;
import static io.tickhub.server.jobs.Upstreams.yahooPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import io.tickhub.server.HubTest;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Systems B and C's {@code POST /prices/poll} and {@code POST /poll/{symbol}}, and the native jobs API, against fake upstreams. */
@HubTest
class PollingJobRoutesTest {

    static final FakeUpstream upstream = Upstreams.start();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        Upstreams.pointAt(upstream, registry);
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Autowired
    WebTestClient http;
    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Store store;

    @Test
    void pricesPollAnswers202ThenPollsAndServesThePriceWithItsRawPayloadStored() {
        upstream.on(yahooPath("JOBA"), yahooChart("JOBA", 101.5, 1_735_828_200));

        http.post().uri("/prices/poll").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"symbols\":[\"joba\"],\"interval\":5,\"provider\":\"yfinance\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody()
                .jsonPath("$.job_id").value(String.class, id -> assertThat(id).matches("poll_[0-9a-f]{8}"))
                .jsonPath("$.status").isEqualTo("accepted")
                .jsonPath("$.config.symbols[0]").isEqualTo("JOBA")
                .jsonPath("$.config.interval").isEqualTo(5)
                .jsonPath("$.config.provider").isEqualTo("yfinance");

        await().until(() -> book.latest("JOBA").isPresent());
        Quote quote = book.latest("JOBA").orElseThrow();
        assertThat(quote.price()).isEqualTo(101.5);
        assertThat(quote.provider()).isEqualTo("yfinance");
        http.get().uri("/prices/latest?symbol=JOBA").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.provider").isEqualTo("yfinance")
                .jsonPath("$.timestamp").isEqualTo("2025-01-02T14:30:00.000Z");
        await().until(() -> store.latest("JOBA", "yfinance").isPresent());
        String rawId = store.latest("JOBA", "yfinance").orElseThrow().rawId();
        assertThat(store.rawPayload(rawId)).hasValueSatisfying(p ->
                assertThat(p.body()).contains("\"regularMarketPrice\":101.50"));
    }

    @Test
    void aSystemBClientsPollWithoutContentTypeIsReadAsJson() throws Exception {
        // B's clients post the JSON without the header; FastAPI parsed it. The JDK client sends no Content-Type.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/prices/poll"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbols\":[\"JOBN\"],\"interval\":60,\"provider\":null}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"accepted\"").contains("\"symbols\":[\"JOBN\"]");
    }

    @Test
    void aBodyOfAnotherContentTypeIs415NamingNoInternalType() {
        http.post().uri("/prices/poll").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"symbols\":[\"JOBT\"],\"interval\":60}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Content type 'text/plain' is not supported; send the body as application/json");
        http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_XML).bodyValue("<job/>")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("java.").doesNotContain("bodyType"));
        http.post().uri("/prices/poll").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"symbols\":")
                .exchange()
                .expectStatus().is4xxClientError()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("java.").doesNotContain("jackson"));
    }

    @Test
    void aSystemBClientsNullProviderGetsTheDefault() {
        http.post().uri("/prices/poll").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"symbols\":[\"JOBB\"],\"interval\":60,\"provider\":null}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody().jsonPath("$.config.provider").isEqualTo("yfinance");
    }

    @Test
    void invalidRequestsAre422WithFastApiDetailsAndNothingIsStored() {
        int before = store.jobs().size();
        Map<String, String> cases = Map.of(
                "{}", "$.detail[?(@.loc[1]=='symbols')].type",
                "{\"symbols\":\"AAPL\",\"interval\":5}", "$.detail[0].type",
                "{\"symbols\":[],\"interval\":5}", "$.detail[0].loc[1]",
                "{\"symbols\":[\"AAPL\"],\"interval\":0}", "$.detail[0].loc[1]",
                "{\"symbols\":[\"AAPL\"],\"interval\":\"soon\"}", "$.detail[0].type",
                "{\"symbols\":[\"AAPL\"],\"interval\":5,\"provider\":\"bloomberg\"}", "$.detail[0].msg",
                "{\"symbols\":[\"AAPL\"],\"interval\":5,\"provider\":\"simulator\"}", "$.detail[0].msg",
                "{\"symbols\":[\"AA PL\"],\"interval\":5}", "$.detail[0].msg",
                "{\"symbols\": [", "$.detail");
        Map<String, Object> expected = Map.of(
                "{}", List.of("missing"),
                "{\"symbols\":\"AAPL\",\"interval\":5}", "list_type",
                "{\"symbols\":[],\"interval\":5}", "symbols",
                "{\"symbols\":[\"AAPL\"],\"interval\":0}", "interval",
                "{\"symbols\":[\"AAPL\"],\"interval\":\"soon\"}", "int_parsing",
                "{\"symbols\":[\"AAPL\"],\"interval\":5,\"provider\":\"bloomberg\"}",
                "unknown provider bloomberg; known: alpha_vantage, finnhub, yfinance",
                "{\"symbols\":[\"AAPL\"],\"interval\":5,\"provider\":\"simulator\"}",
                "unknown provider simulator; known: alpha_vantage, finnhub, yfinance",
                "{\"symbols\":[\"AA PL\"],\"interval\":5}", "not a valid symbol: AA PL");
        cases.forEach((body, path) -> {
            var spec = http.post().uri("/prices/poll").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody();
            if (expected.containsKey(body)) {
                spec.jsonPath(path).isEqualTo(expected.get(body));
            } else {
                spec.jsonPath(path).exists();
            }
        });
        assertThat(store.jobs()).hasSize(before);
    }

    @Test
    void pollNowReturnsTheFreshPriceAndMapsUpstreamFailures() {
        upstream.on(yahooPath("NOWA"), yahooChart("NOWA", 55.25, 1_735_828_200));
        http.post().uri("/poll/nowa?provider=yfinance").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbol").isEqualTo("NOWA")
                .jsonPath("$.price").isEqualTo(55.25)
                .jsonPath("$.provider").isEqualTo("yfinance")
                .jsonPath("$.timestamp").isEqualTo("2025-01-02T14:30:00.000Z");
        await().until(() -> book.latest("NOWA").isPresent());

        upstream.on(yahooPath("NOWB"), FakeReply.text(503, "Service Unavailable"));
        http.post().uri("/poll/NOWB").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).startsWith("yfinance: "));

        upstream.on(yahooPath("NOWC"), FakeReply.json("{\"chart\":{\"result\":[{\"meta\":"));
        http.post().uri("/poll/NOWC").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);

        upstream.on(yahooPath("NOWD"), FakeReply.json(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":"
                + "\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}"));
        http.post().uri("/poll/NOWD").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("delisted"));

        http.post().uri("/poll/NOWE?provider=bloomberg").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.detail[0].loc[1]").isEqualTo("provider");
        http.post().uri("/poll/not a symbol!").exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void latestPriceOfASymbolNobodyPolledIsFetchedLiveOnceAsSystemCDid() {
        upstream.on(yahooPath("LIVA"), yahooChart("LIVA", 42.5, 1_735_828_200));

        http.get().uri("/prices/latest?symbol=liva").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbol").isEqualTo("LIVA")
                .jsonPath("$.price").isEqualTo(42.5)
                .jsonPath("$.provider").isEqualTo("yfinance")
                .jsonPath("$.timestamp").isEqualTo("2025-01-02T14:30:00.000Z");
        assertThat(requestsFor("LIVA")).isEqualTo(1);

        // The fetched price joined the hub: the next read is served from it, without asking the provider again.
        await().until(() -> book.latest("LIVA").isPresent());
        http.get().uri("/prices/latest?symbol=LIVA&provider=yfinance").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.price").isEqualTo(42.5);
        assertThat(requestsFor("LIVA")).isEqualTo(1);
    }

    @Test
    void latestPriceOfASymbolNoProviderKnowsStays404() {
        upstream.on(yahooPath("LIVX"), FakeReply.json(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":"
                + "\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}"));
        http.get().uri("/prices/latest?symbol=LIVX").exchange()
                .expectStatus().isNotFound().expectBody().json("{\"detail\":\"Price point not found\"}");

        // A provider that is unknown, or produces its own data, is never asked: 404 at once.
        http.get().uri("/prices/latest?symbol=LIVY&provider=bloomberg").exchange().expectStatus().isNotFound();
        http.get().uri("/prices/latest?symbol=LIVY&provider=simulator").exchange().expectStatus().isNotFound();
        assertThat(requestsFor("LIVY")).isZero();
    }

    @Test
    void latestPriceFetchedLiveReportsAFailingProviderAsTheUpstreamsFaultNotAsMissing() {
        upstream.on(yahooPath("LIVF"), FakeReply.text(503, "Service Unavailable"));
        http.get().uri("/prices/latest?symbol=LIVF").exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).startsWith("yfinance: "));
    }

    private long requestsFor(String symbol) {
        return upstream.requests().stream().filter(r -> r.rawPath().equals(yahooPath(symbol))).count();
    }

    @Test
    void aRateLimitedUpstreamIs429WithRetryAfterAndTheProviderRests() {
        upstream.on("/api/v1/quote", FakeReply.json(429, "{\"error\":\"API limit reached. Please try again later."
                + " Remaining Limit: 0\"}").withHeader("Retry-After", "30"));

        http.post().uri("/poll/RATE?provider=finnhub").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "30");
        int calls = upstream.requests().size();
        http.post().uri("/poll/RATE?provider=finnhub").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(upstream.requests()).hasSize(calls); // resting: the upstream was not asked again

        http.get().uri("/api/v1/providers").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.providers[?(@.name=='finnhub')].state").isEqualTo("rate_limited")
                .jsonPath("$.providers[?(@.name=='finnhub')].rateLimit.limited").isEqualTo(true)
                .jsonPath("$.providers[?(@.name=='finnhub')].rateLimit.permits").isEqualTo(60);
    }

    @Test
    void alphaVantagesRateLimitBodyIsARateLimitNotAPrice() {
        upstream.on("/query", FakeReply.json("{\"Note\":\"Thank you for using Alpha Vantage! Our standard API call "
                + "frequency is 5 calls per minute and 500 calls per day.\"}"));

        http.post().uri("/poll/IBM?provider=alpha_vantage").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(book.latest("IBM")).isEmpty();
        http.get().uri("/api/v1/providers").exchange().expectBody()
                .jsonPath("$.providers[?(@.name=='alpha_vantage')].state").isEqualTo("rate_limited")
                .jsonPath("$.providers[?(@.name=='alpha_vantage')].rateLimit.permits").isEqualTo(5);
    }

    @Test
    void theNativeJobsApiCreatesListsShowsAndDeletes() {
        upstream.on(yahooPath("NATJ"), yahooChart("NATJ", 12.5, 1_735_828_200));
        String location = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"symbols\":[\"NATJ\"],\"interval\":30}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.state").isEqualTo("polling")
                .jsonPath("$.interval").isEqualTo(30)
                .jsonPath("$.progress[0].symbol").isEqualTo("NATJ")
                .returnResult().getResponseHeaders().getLocation().toString();
        String id = location.substring(location.lastIndexOf('/') + 1);

        await().until(() -> book.latest("NATJ").isPresent());
        http.get().uri(location).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.progress[0].polls").isEqualTo(1)
                .jsonPath("$.progress[0].lastPrice").isEqualTo(12.5);
        http.get().uri("/api/v1/jobs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.jobs[?(@.id=='" + id + "')].provider").isEqualTo("yfinance");

        http.delete().uri(location).exchange().expectStatus().isNoContent();
        http.delete().uri(location).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri(location).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"symbols\":[]}")
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].loc[1]").isEqualTo("interval");
    }

    @Test
    void keysNeverAppearInResponses() {
        upstream.on("/query", FakeReply.json("{\"Information\":\"We have detected your API key as "
                + Upstreams.AV_KEY + " and our standard API rate limit is 25 requests per day.\"}"));
        http.post().uri("/poll/KEYS?provider=alpha_vantage").exchange()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(Upstreams.AV_KEY));

        for (String uri : List.of("/api/v1/providers", "/health", "/api/v1/jobs", "/")) {
            http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange()
                    .expectBody(String.class).value(body -> assertThat(body)
                            .doesNotContain(Upstreams.AV_KEY).doesNotContain(Upstreams.FINNHUB_KEY));
        }
        assertThat(upstream.requests()).anySatisfy(r -> assertThat(r.toString()).contains(Upstreams.AV_KEY));
    }
}
