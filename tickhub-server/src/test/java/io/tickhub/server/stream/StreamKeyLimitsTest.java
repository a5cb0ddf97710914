package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.access.Scope;
import io.tickhub.core.fanout.SubjectAccounts;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import io.tickhub.server.provider.fake.FakeFinnhubServer;
import io.tickhub.server.security.ApiKey;
import io.tickhub.server.security.ApiKeyStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Per-key limits on streams, with the Finnhub stream at a local fake: a key's connections (429
 * {@code too_many_connections} at the upgrade and the SSE request, 4006 after {@code auth}), its
 * subscriptions over all its connections ({@code key_subscriptions}), and the symbols it may open
 * upstream ({@code upstream_limit}: refused symbols are never subscribed at Finnhub); clients
 * without a credential are held to the same limits per address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.providers.finnhub.max-stream-symbols=100",
        "tickhub.providers.finnhub.base-url=http://127.0.0.1:9/api/v1",
        "tickhub.security.admin-key=stream-limits-test-bootstrap-key-0123456789",
        "tickhub.security.limits.address.upstream-symbols=2",
        "tickhub.stream.heartbeat-interval=1h", "tickhub.stream.max-messages-per-second=1000"})
@Import(TestHubConfig.class)
@Timeout(60)
class StreamKeyLimitsTest {

    private static final String FINNHUB_KEY = "fh-stream-key-0171";
    private static final FakeFinnhubServer FINNHUB = FakeFinnhubServer.start(FINNHUB_KEY);

    @DynamicPropertySource
    static void finnhub(DynamicPropertyRegistry registry) {
        registry.add("tickhub.providers.finnhub.api-key", () -> FINNHUB_KEY);
        registry.add("tickhub.providers.finnhub.stream-url", () -> FINNHUB.uri().toString());
    }

    @AfterAll
    static void stopFinnhub() {
        FINNHUB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;
    @Autowired
    SubjectAccounts accounts;
    @Autowired
    QuoteFeeder feed;

    private ApiKeyStore.Created key(Integer connections, Integer subscriptions, Integer upstream) {
        return keys.create("limits-test", Set.of(Scope.STREAM),
                new ApiKey.LimitOverrides(connections, subscriptions, null, null, upstream));
    }

    private WsClient connect(ApiKeyStore.Created key) {
        WsClient client = WsClient.connect(port, "/ws", true, Map.of("X-API-Key", key.token()));
        client.next("connection");
        return client;
    }

    private static String upstreamSubscribe(String symbol) {
        return "{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    @Test
    void aKeyPastItsConnectionsIsRefused429AtTheUpgradeAndSseAndClosedWith4006AfterAuth() throws IOException {
        ApiKeyStore.Created key = key(2, null, null);
        WsClient first = connect(key);
        try (SseClient second = SseClient.connect(port, "/api/v1/stream?symbols=LIMA", null, Map.of("X-API-Key", key.token()))) {
            second.next("connection");

            StreamCredentials.Answer upgrade = StreamCredentials.upgrade(port, "/ws/prices", Map.of("X-API-Key", key.token()));
            assertThat(upgrade.status()).isEqualTo(429);
            assertThat(upgrade.body()).contains("\"code\":\"too_many_connections\"");
            StreamCredentials.Answer sse = StreamCredentials.get(port, "/api/v1/stream?symbols=LIMA&token=" + key.token(), Map.of());
            assertThat(sse.status()).isEqualTo(429);
            assertThat(sse.body()).contains("\"code\":\"too_many_connections\"");
            WsClient byMessage = WsClient.connect(port, "/ws", true);
            byMessage.send("{\"action\":\"auth\",\"token\":\"" + key.token() + "\"}");
            assertThat(byMessage.awaitClose()).isEqualTo(4006);
            WsClient otherKey = connect(key(2, null, null)); // another key's count is its own
            otherKey.abort();
        }
        // The SSE stream has ended: its place is free again.
        await().atMost(Duration.ofSeconds(5)).until(() ->
                StreamCredentials.upgrade(port, "/ws/news", Map.of("X-API-Key", key.token())).status() == 101);
        first.abort();
    }

    @Test
    void aKeysSubscriptionsAreCountedOverAllItsConnections() {
        ApiKeyStore.Created key = key(null, 3, null);
        WsClient first = connect(key);
        WsClient second = connect(key);
        first.send("{\"action\":\"subscribe\",\"symbols\":[\"KSA\",\"KSB\"],\"channels\":[\"news\"]}");
        assertThat(first.next("subscription")).contains("\"accepted\":[\"KSA\",\"KSB\"]");

        second.send("{\"action\":\"subscribe\",\"symbols\":[\"KSC\",\"KSD\"],\"channels\":[\"news\"]}");

        assertThat(second.next("subscription")).contains("\"accepted\":[\"KSC\"]")
                .contains("{\"symbol\":\"KSD\",\"reason\":\"key_subscriptions\",\"channel\":\"news\"}");
        assertThat(second.next("error")).contains("\"code\":\"key_subscriptions\"");
        assertThat(accounts.find("key:" + key.key().id()).subscriptions()).isEqualTo(3);
        WsClient otherKey = connect(key(null, 3, null));
        otherKey.send("{\"action\":\"subscribe\",\"symbols\":[\"KSD\"],\"channels\":[\"news\"]}");
        assertThat(otherKey.next("subscription")).contains("\"accepted\":[\"KSD\"]");

        first.abort(); // its subscriptions are given back to the key
        await().atMost(Duration.ofSeconds(5)).until(() -> accounts.find("key:" + key.key().id()).subscriptions() == 1);
        second.send("{\"action\":\"subscribe\",\"symbols\":[\"KSD\"],\"channels\":[\"news\"]}");
        assertThat(second.next("subscription")).contains("\"accepted\":[\"KSD\"]");
        second.abort();
        otherKey.abort();
    }

    @Test
    void theCompatEndpointsKeepToTheKeysSubscriptions() {
        feed.prices("CPA", 10, 11); // a known ticker for /ws/{ticker_id}
        ApiKeyStore.Created key = key(null, 2, null);
        WsClient prices = WsClient.connect(port, "/ws/prices", true, Map.of("X-API-Key", key.token()));
        prices.next(); // every record: '*' counts one

        prices.send("{\"watchlist\":[\"CPA\",\"CPB\",\"CPC\"]}");
        assertThat(prices.next("error")).contains("\"code\":\"key_subscriptions\"");
        prices.send("{\"watchlist\":[\"CPA\",\"CPB\"]}"); // replaces '*': two in all
        assertThat(prices.next("CPA")).doesNotContain("error");
        WsClient ticker = WsClient.connect(port, "/ws/CPA", true, Map.of("X-API-Key", key.token()));

        assertThat(ticker.awaitClose()).isEqualTo(1008);
        assertThat(accounts.find("key:" + key.key().id()).subscriptions()).isEqualTo(2);
        prices.abort();
    }

    @Test
    void aKeyOpensAtMostItsUpstreamSymbolsOverAllItsConnectionsAndSymbolsAlreadyOpenStayFree() {
        ApiKeyStore.Created key = key(null, null, 2);
        WsClient first = connect(key);
        WsClient second = connect(key);
        first.send("{\"action\":\"subscribe\",\"symbols\":[\"UPA\",\"UPB\",\"UPC\"]}");

        assertThat(first.next("subscription")).contains("\"accepted\":[\"UPA\",\"UPB\"]")
                .contains("{\"symbol\":\"UPC\",\"reason\":\"upstream_limit\",\"channel\":\"quotes\"}");
        assertThat(first.next("error")).contains("\"code\":\"upstream_limit\"").contains("\"symbols\":[\"UPC\"]");
        await().until(() -> FINNHUB.receivedCount(upstreamSubscribe("UPB")) == 1);
        second.send("{\"action\":\"subscribe\",\"symbols\":[\"UPD\"]}");
        assertThat(second.next("subscription")).contains("\"rejected\":[{\"symbol\":\"UPD\",\"reason\":\"upstream_limit\"");
        second.send("{\"action\":\"subscribe\",\"symbols\":[\"UPA\"]}"); // open already: no new upstream subscription
        assertThat(second.next("subscription")).contains("\"accepted\":[\"UPA\"]");
        WsClient otherKey = connect(key(null, null, 2));
        otherKey.send("{\"action\":\"subscribe\",\"symbols\":[\"UPC\"]}");
        assertThat(otherKey.next("subscription")).contains("\"accepted\":[\"UPC\"]");
        await().until(() -> FINNHUB.receivedCount(upstreamSubscribe("UPC")) == 1);
        assertThat(FINNHUB.receivedCount(upstreamSubscribe("UPD"))).isZero();

        first.send("{\"action\":\"unsubscribe\",\"symbols\":[\"UPB\"]}"); // a slot of the key frees
        first.next("unsubscribed");
        second.send("{\"action\":\"subscribe\",\"symbols\":[\"UPD\"]}");
        assertThat(second.next("subscription")).contains("\"accepted\":[\"UPD\"]");
        await().until(() -> FINNHUB.receivedCount(upstreamSubscribe("UPD")) == 1);
        first.abort();
        second.abort();
        otherKey.abort();
    }

    @Test
    void clientsWithoutACredentialAreHeldToTheUpstreamLimitOfTheirAddress() {
        WsClient first = WsClient.connect(port, "/ws", true); // loopback in protected mode: no key needed
        first.next("connection");
        WsClient second = WsClient.connect(port, "/ws", true);
        second.next("connection");
        first.send("{\"action\":\"subscribe\",\"symbols\":[\"ADA\",\"ADB\"]}");
        assertThat(first.next("subscription")).contains("\"accepted\":[\"ADA\",\"ADB\"]");

        second.send("{\"action\":\"subscribe\",\"symbols\":[\"ADC\"]}");

        assertThat(second.next("subscription")).contains("\"reason\":\"upstream_limit\"");
        assertThat(second.next("error")).contains("\"code\":\"upstream_limit\"");
        assertThat(accounts.find("addr:127.0.0.1").upstreamSymbols()).isEqualTo(2);
        assertThat(FINNHUB.receivedCount(upstreamSubscribe("ADC"))).isZero();
        first.abort();
        second.abort();
    }
}
