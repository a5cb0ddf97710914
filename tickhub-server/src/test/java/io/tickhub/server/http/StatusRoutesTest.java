package io.tickhub.server.http;

import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * System D's {@code GET /} and the union {@code /health}. A hub of its own, where no symbol goes
 * stale: the test classes sharing the default test hub move its manual clock by hours, and every
 * symbol they leave in the book would then be stale and the hub rightly {@code degraded}.
 */
@HubTest
@TestPropertySource(properties = {"tickhub.book.stale-after=3650d", "tickhub.book.retire-after=0"})
class StatusRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void healthCountsSubscribedSymbolsAsSystemDDidNotSubscriptionsPerConnection() {
        feed.price("HSUB", 1);
        io.tickhub.server.stream.WsClient first = io.tickhub.server.stream.WsClient.connect(port, "/ws", true);
        io.tickhub.server.stream.WsClient second = io.tickhub.server.stream.WsClient.connect(port, "/ws", true);
        for (io.tickhub.server.stream.WsClient client : java.util.List.of(first, second)) {
            client.next("connection");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"HSUB\"]}");
            client.next("subscription");
        }
        // Two clients on one symbol: D said 1.
        http.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.clients").isEqualTo(2)
                .jsonPath("$.subscriptions").isEqualTo(1)
                .jsonPath("$.subscribed_symbols[0]").isEqualTo("HSUB");
        first.send("{\"action\":\"unsubscribe\",\"symbols\":[\"HSUB\"]}");
        first.next("unsubscribed");
        http.get().uri("/health").exchange().expectBody().jsonPath("$.subscriptions").isEqualTo(1);
        second.send("{\"action\":\"unsubscribe\",\"symbols\":[\"HSUB\"]}");
        second.next("unsubscribed");
        http.get().uri("/health").exchange().expectBody().jsonPath("$.subscriptions").isEqualTo(0);
        first.close();
        second.close();
        org.awaitility.Awaitility.await().untilAsserted(() -> http.get().uri("/health").exchange()
                .expectBody().jsonPath("$.clients").isEqualTo(0));
    }

    @Test
    void rootIsSystemDsStatusObject() {
        http.get().uri("/").accept(org.springframework.http.MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("online")
                .jsonPath("$.service").isEqualTo("tickhub")
                .jsonPath("$.finnhub_connected").isEqualTo(false)
                .jsonPath("$.active_clients").isEqualTo(0)
                .jsonPath("$.active_subscriptions").isEqualTo(0);
    }

    @Test
    void healthCarriesTheFieldsOfSystemsCDAndE() {
        feed.price("HLT", 1);
        http.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.scheduler_running").isEqualTo(true) // polling jobs run even with the simulator off
                .jsonPath("$.finnhub_connection").isEqualTo("disconnected")
                .jsonPath("$.clients").isEqualTo(0)
                .jsonPath("$.subscriptions").isEqualTo(0)
                .jsonPath("$.subscribed_symbols").isArray()
                .jsonPath("$.symbols").value(Integer.class, n -> org.assertj.core.api.Assertions.assertThat(n).isPositive())
                .jsonPath("$.providers").isArray()
                .jsonPath("$.uptime_seconds").isNumber()
                .jsonPath("$.version").isNotEmpty();
    }
}
