package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A hub with no allow-list: browsers' pages of other origins cannot open its WebSockets or SSE stream nor
 * change its state; its own pages and non-browser clients can.
 */
@HubTest
class CrossOriginTest {

    static final String EVIL = "http://evil.example";
    static final FakeUpstream yahoo = start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("tickhub.providers.yahoo.base-url", yahoo::baseUrl);
        registry.add("tickhub.providers.yahoo.timeout", () -> "2s");
    }

    @AfterAll
    static void stop() {
        yahoo.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    String host() {
        return "127.0.0.1:" + port;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/AAPL"})
    void aPageOfAnotherOriginCannotOpenAnyWebSocket(String endpoint) {
        RawRequest.Answer answer = RawRequest.upgrade(port, endpoint, host(), EVIL);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("upgrade")).isNull();
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(answer.body()).contains("\"code\":\"cross_origin\"").contains("\"detail\":\"Origin " + EVIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/AAPL"})
    void aClientWithoutOriginOpensEveryWebSocket(String endpoint) {
        RawRequest.Answer answer = RawRequest.upgrade(port, endpoint, host(), null);

        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.header("upgrade")).isEqualToIgnoringCase("websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/AAPL"})
    void theHubsOwnPagesOpenEveryWebSocket(String endpoint) {
        assertThat(RawRequest.upgrade(port, endpoint, host(), "http://" + host()).status()).isEqualTo(101);
        assertThat(RawRequest.upgrade(port, endpoint, "localhost:" + port, "http://localhost:" + port).status())
                .isEqualTo(101);
    }

    @Test
    void aPageOnAnotherPortOfTheSameHostIsAnotherOrigin() {
        // A dev server or any local app on :3000 must not borrow the hub's loopback access.
        assertThat(RawRequest.upgrade(port, "/ws", "localhost:" + port, "http://localhost:3000").status())
                .isEqualTo(403);
        assertThat(RawRequest.upgrade(port, "/ws", host(), "null").status()).isEqualTo(403);
    }

    @Test
    void theSseStreamRefusesAPageOfAnotherOriginAndServesTheOthers() {
        Map<String, String> sse = Map.of("Accept", "text/event-stream");
        RawRequest.Answer evil = RawRequest.send(port, "GET", "/api/v1/stream?symbols=AAPL", host(),
                Map.of("Accept", "text/event-stream", "Origin", EVIL));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("content-type")).startsWith("application/problem+json");
        assertThat(evil.body()).contains("\"code\":\"cross_origin\"").contains("\"status\":403");

        RawRequest.Answer curl = RawRequest.send(port, "GET", "/api/v1/stream?symbols=AAPL", host(), sse);
        assertThat(curl.status()).isEqualTo(200);
        assertThat(curl.header("x-content-type-options")).isEqualTo("nosniff");
        RawRequest.Answer own = RawRequest.send(port, "GET", "/api/v1/stream?symbols=AAPL", host(),
                Map.of("Accept", "text/event-stream", "Origin", "http://" + host()));
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void aPollFromAPageOfAnotherOriginIsRefusedAndNothingIsPolled() {
        yahoo.on("/v8/finance/chart/CSRFA", chart("CSRFA"));

        http.post().uri("/poll/CSRFA?provider=yfinance").header("Origin", EVIL).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("cross_origin")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(EVIL));
        http.post().uri("/poll/CSRFA?provider=yfinance").header("Sec-Fetch-Site", "cross-site").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("cross_origin");
        http.post().uri("/poll/CSRFA?provider=yfinance").header("Sec-Fetch-Site", "same-site").exchange()
                .expectStatus().isForbidden();
        // The browser says cross-site: an Origin naming the hub's Host is not believed over it.
        http.post().uri("/poll/CSRFA?provider=yfinance").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "http://localhost:" + port).exchange()
                .expectStatus().isForbidden();

        assertThat(yahoo.requests()).noneMatch(request -> request.rawPath().contains("CSRFA"));
    }

    @Test
    void aPollFromCurlOrTheHubsOwnPagePasses() {
        yahoo.on("/v8/finance/chart/CSRFB", chart("CSRFB"));

        http.post().uri("/poll/CSRFB?provider=yfinance").exchange().expectStatus().isOk();
        http.post().uri("/poll/CSRFB?provider=yfinance").header("Origin", "http://localhost:" + port).exchange()
                .expectStatus().isOk();
        http.post().uri("/poll/CSRFB?provider=yfinance").header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://localhost:" + port).exchange()
                .expectStatus().isOk();
        // Sec-Fetch-Site: none is the user's own doing (address bar, bookmark).
        http.post().uri("/poll/CSRFB?provider=yfinance").header("Sec-Fetch-Site", "none").exchange()
                .expectStatus().isOk();

        assertThat(yahoo.requests()).filteredOn(request -> request.rawPath().contains("CSRFB")).hasSize(4);
    }

    @Test
    void everyStateChangingMethodIsCheckedAndNativeRoutesAnswerProblemJson() {
        http.post().uri("/api/v1/jobs").header("Origin", EVIL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"symbols\":[\"CSRFC\"],\"interval\":60}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.code").isEqualTo("cross_origin")
                .jsonPath("$.instance").isEqualTo("/api/v1/jobs");
        http.delete().uri("/api/v1/jobs/poll_00000000").header("Origin", EVIL).exchange()
                .expectStatus().isForbidden();
        http.put().uri("/api/v1/jobs/poll_00000000").header("Origin", EVIL).exchange()
                .expectStatus().isForbidden();
        http.patch().uri("/api/v1/jobs/poll_00000000").header("Origin", EVIL).exchange()
                .expectStatus().isForbidden();
        // A GET changes nothing, and CORS keeps the page from reading the answer.
        http.get().uri("/api/v1/jobs").header("Origin", EVIL).exchange().expectStatus().isOk();
    }

    private static FakeReply chart(String symbol) {
        return FakeReply.json(("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"%s\","
                + "\"regularMarketTime\":1735828200,\"regularMarketPrice\":10.5,\"regularMarketVolume\":1},"
                + "\"timestamp\":[1735828200],\"indicators\":{\"quote\":[{\"close\":[10.5]}]}}],\"error\":null}}")
                .formatted(symbol));
    }

    private static FakeUpstream start() {
        try {
            return FakeUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
