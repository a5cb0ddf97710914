package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.server.TestHubConfig;
import io.tickhub.server.provider.fake.FakeFinnhubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub with its Finnhub stream at a local fake capped at 3 symbols, one always streamed: system D's
 * clients within the cap see nothing new; the client whose subscribe needs a fourth is told
 * {@code upstream_limit}, counted, and gets the stream when a slot frees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.providers.finnhub.max-stream-symbols=3",
        "tickhub.providers.finnhub.stream-symbols=AAPL", "tickhub.providers.finnhub.base-url=http://127.0.0.1:9/api/v1"})
@Import(TestHubConfig.class)
class UpstreamLimitStreamTest {

    private static final String KEY = "fh-stream-key-0044";
    private static final FakeFinnhubServer FINNHUB = FakeFinnhubServer.start(KEY);

    @DynamicPropertySource
    static void finnhub(DynamicPropertyRegistry registry) {
        registry.add("tickhub.providers.finnhub.api-key", () -> KEY);
        registry.add("tickhub.providers.finnhub.stream-url", () -> FINNHUB.uri().toString());
    }

    @AfterAll
    static void stopFinnhub() {
        FINNHUB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private static String subscribe(String symbol) {
        return "{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    private double refusals() {
        var counter = meters.find("tickhub.limits.refused").tag("limit", "upstream_symbols").counter();
        return counter == null ? 0 : counter.count();
    }

    private double upstreamGauge(String name) {
        return meters.get(name).tag("provider", "finnhub_stream").gauge().value();
    }

    @Test
    void theClientPastTheCapIsToldAndCountedOthersAreUnaffectedAndItGetsTheNextFreeSlot() {
        await().until(() -> FINNHUB.receivedCount(subscribe("AAPL")) == 1);
        WsClient withinCap = WsClient.connect(port, "/ws", true);
        withinCap.next("connection");
        withinCap.send("{\"action\":\"subscribe\",\"symbols\":[\"MSFT\",\"TSLA\"]}");
        assertThat(withinCap.next("subscription")).contains("\"accepted\":[\"MSFT\",\"TSLA\"]").contains("\"rejected\":[]");
        await().until(() -> FINNHUB.receivedCount(subscribe("TSLA")) == 1);

        WsClient pastCap = WsClient.connect(port, "/ws", true);
        pastCap.next("connection");
        pastCap.send("{\"action\":\"subscribe\",\"symbols\":[\"msft\",\"nvda\"]}");

        assertThat(pastCap.next("subscription")).contains("\"accepted\":[\"MSFT\",\"NVDA\"]");
        assertThat(pastCap.next("error")).contains("\"code\":\"upstream_limit\"").contains("\"symbols\":[\"NVDA\"]");
        assertThat(refusals()).isEqualTo(1);
        assertThat(upstreamGauge("tickhub.upstream.symbols")).isEqualTo(3);
        assertThat(upstreamGauge("tickhub.upstream.symbols.max")).isEqualTo(3);
        assertThat(upstreamGauge("tickhub.upstream.symbols.refused")).isEqualTo(1);
        withinCap.send("{\"action\":\"ping\",\"id\":1}");
        assertThat(withinCap.next("pong")).isEqualTo("{\"type\":\"pong\",\"id\":1}");
        assertThat(withinCap.drained()).noneMatch(m -> m.contains("upstream_limit"));
        assertThat(FINNHUB.receivedCount(subscribe("NVDA"))).isZero();

        withinCap.abort(); // TSLA's slot goes to NVDA at once: a refused symbol does not wait for a linger

        await().until(() -> FINNHUB.receivedCount(subscribe("NVDA")) == 1);
        assertThat(FINNHUB.receivedCount("{\"type\":\"unsubscribe\",\"symbol\":\"TSLA\"}")).isEqualTo(1);
        assertThat(FINNHUB.receivedCount("{\"type\":\"unsubscribe\",\"symbol\":\"MSFT\"}")).isZero(); // pastCap still has it
        pastCap.close();
    }
}
