package io.tickhub.server.provider.finnhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatus;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.RawPayload;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeFinnhubServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Finnhub stream against a fake Finnhub on a local port. Silence is measured on a manual clock
 * that only the test moves; everything else is awaited as a condition, never as a delay.
 */
class FinnhubStreamTest {

    private static final String KEY = "test-key-s3cr3t";
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final ProviderStatusBoard status = new ProviderStatusBoard(clock);
    private final List<RawQuote> quotes = new CopyOnWriteArrayList<>();
    private final List<RawPayload> payloads = new CopyOnWriteArrayList<>();
    private final FakeFinnhubServer server = FakeFinnhubServer.start(KEY);
    private FinnhubStream stream;

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        server.close();
    }

    private FinnhubStream start(String key) {
        stream = new FinnhubStream(new FinnhubStreamSettings(server.uri(), key, Duration.ofMillis(10),
                Duration.ofMillis(200), IDLE), quotes::add, payloads::add, status, clock);
        stream.start();
        return stream;
    }

    private FinnhubStream startConnected() {
        start(KEY);
        await().until(() -> stream.connected());
        return stream;
    }

    private static String subscribe(String symbol) {
        return "{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    private static String unsubscribe(String symbol) {
        return "{\"type\":\"unsubscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    private ProviderStatus status() {
        return status.get(FinnhubStream.NAME).orElseThrow();
    }

    @Test
    void tradesReachTheSinkWithTheirFieldsLinkedToTheirRawFrame() {
        startConnected().subscribe("AAPL");
        await().until(() -> server.receivedCount(subscribe("AAPL")) == 1);

        String frame = "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":187.5,\"t\":1700000000123,\"v\":100,\"c\":null},"
                + "{\"s\":\"AAPL\",\"p\":187.55,\"t\":1700000000124,\"c\":[\"1\"]}]}";
        server.push(frame);

        await().until(() -> quotes.size() == 2);
        assertThat(payloads).hasSize(1);
        RawPayload payload = payloads.getFirst();
        assertThat(payload.provider()).isEqualTo("finnhub_stream");
        assertThat(payload.symbol()).isEqualTo("AAPL");
        assertThat(payload.contentType()).isEqualTo("application/json");
        assertThat(payload.body()).isEqualTo(frame);
        assertThat(payload.receivedAt()).isEqualTo(clock.instant());
        assertThat(payload.id()).hasSizeLessThanOrEqualTo(64).doesNotContain(",", "\"", "\n");

        assertThat(quotes).containsExactly(
                new RawQuote("AAPL", 187.5, null, null, 100, "finnhub_stream", Instant.ofEpochMilli(1700000000123L),
                        payload.id()),
                new RawQuote("AAPL", 187.55, null, null, 0, "finnhub_stream", Instant.ofEpochMilli(1700000000124L),
                        payload.id()));
        assertThat(status().state()).isEqualTo(ProviderState.UP);
        assertThat(status().quotes()).isEqualTo(2);
        assertThat(stream.quoteCount()).isEqualTo(2);
    }

    @Test
    void aFrameOfSeveralSymbolsIsOnePayloadWithoutASymbol() {
        startConnected();
        server.push("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":1,\"t\":1},{\"s\":\"MSFT\",\"p\":2,\"t\":2}]}");

        await().until(() -> quotes.size() == 2);
        assertThat(payloads).singleElement().extracting(RawPayload::symbol).isNull();
        assertThat(quotes).extracting(RawQuote::rawId).containsOnly(payloads.getFirst().id());
    }

    @Test
    void twoSubscribersShareOneUpstreamSubscriptionUntilBothLeave() {
        startConnected();
        stream.subscribe("AAPL");
        stream.subscribe("AAPL");
        stream.subscribe("MSFT"); // sends are ordered: once MSFT is in, a second AAPL would be too
        await().until(() -> server.receivedCount(subscribe("MSFT")) == 1);
        assertThat(server.receivedCount(subscribe("AAPL"))).isEqualTo(1);

        stream.unsubscribe("AAPL");
        stream.unsubscribe("MSFT");
        await().until(() -> server.receivedCount(unsubscribe("MSFT")) == 1);
        assertThat(server.receivedCount(unsubscribe("AAPL"))).isZero();
        assertThat(stream.symbols()).containsExactly("AAPL");

        stream.unsubscribe("AAPL");
        await().until(() -> server.receivedCount(unsubscribe("AAPL")) == 1);
        assertThat(stream.symbols()).isEmpty();
    }

    @Test
    void aDroppedConnectionIsReconnectedWithEveryLiveSubscription() {
        startConnected();
        stream.subscribe("AAPL");
        stream.subscribe("MSFT");
        stream.subscribe("GONE");
        stream.unsubscribe("GONE");
        await().until(() -> server.receivedCount(unsubscribe("GONE")) == 1);

        server.dropAll();

        await().until(() -> server.accepted() == 2 && server.receivedCount(subscribe("MSFT")) == 2);
        assertThat(server.receivedCount(subscribe("AAPL"))).isEqualTo(2);
        assertThat(server.receivedCount(subscribe("GONE"))).isEqualTo(1);
        await().until(() -> stream.connected() && status().state() == ProviderState.UP);
        assertThat(stream.dropCount()).isEqualTo(1);
        assertThat(status().lastError()).isNotNull();

        server.push("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":187.5,\"t\":1700000000123}]}");
        await().until(() -> quotes.size() == 1);
    }

    @Test
    void aSubscriptionMadeWhileDisconnectedIsSentOnceTheConnectionIsBack() {
        startConnected();
        server.refuseAll(503);
        server.dropAll();
        await().until(() -> server.refused() >= 1 && !stream.connected());
        assertThat(status().state()).isEqualTo(ProviderState.DOWN);

        stream.subscribe("AAPL");
        assertThat(server.received()).isEmpty();
        server.refuseAll(0);

        await().until(() -> server.receivedCount(subscribe("AAPL")) == 1);
        await().until(() -> stream.connected());
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void aPingKeepsAQuietConnectionAliveAndMakesNoQuote() throws Exception {
        startConnected();
        clock.advance(Duration.ofSeconds(20));
        server.push("{\"type\":\"ping\"}");
        server.push("not json"); // frames are handled in order: once this is counted, the ping was
        await().until(() -> stream.malformedCount() == 1);

        clock.advance(Duration.ofSeconds(20)); // 40 s since connecting, 20 s since the ping
        stream.checkIdleNow();

        assertThat(stream.connected()).isTrue();
        assertThat(server.accepted()).isEqualTo(1);
        assertThat(quotes).isEmpty();
        assertThat(payloads).isEmpty();
    }

    @Test
    void aSilentConnectionIsDroppedAndReconnectedWithItsSubscriptions() throws Exception {
        startConnected().subscribe("AAPL");
        await().until(() -> server.receivedCount(subscribe("AAPL")) == 1);

        clock.advance(IDLE.plusSeconds(1));
        stream.checkIdleNow();

        await().until(() -> server.accepted() == 2 && server.receivedCount(subscribe("AAPL")) == 2);
        assertThat(stream.dropCount()).isEqualTo(1);
        assertThat(status().lastError()).isEqualTo(clock.instant());
    }

    @Test
    void aMalformedFrameIsCountedAndSkippedAndTheConnectionStays() {
        startConnected();
        server.push("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":\"oops\"");
        server.push("[1,2,3]");
        server.push("{\"type\":\"trade\",\"data\":{\"s\":\"AAPL\"}}");
        server.push("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":\"x\",\"t\":1},{\"s\":\"AAPL\",\"p\":2.5,\"t\":2}]}");

        await().until(() -> quotes.size() == 1);
        assertThat(quotes.getFirst().price()).isEqualTo(2.5);
        assertThat(stream.malformedCount()).isEqualTo(4);
        assertThat(stream.connected()).isTrue();
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void anErrorFrameIsReportedAndTheConnectionStays() {
        startConnected();
        server.push("{\"type\":\"error\",\"msg\":\"Subscribing to too many symbols\"}");

        await().until(() -> status().state() == ProviderState.DOWN);
        assertThat(status().message()).contains("Subscribing to too many symbols");
        assertThat(stream.upstreamErrorCount()).isEqualTo(1);

        server.push("{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":187.5,\"t\":1700000000123}]}");
        await().until(() -> status().state() == ProviderState.UP);
        assertThat(server.accepted()).isEqualTo(1);
        assertThat(stream.connected()).isTrue();
    }

    @Test
    void theTokenNeverAppearsInStatusMessagesOrLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.tickhub.server.provider.finnhub");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            String wrongKey = "wrong-key-s3cr3t";
            start(wrongKey);
            await().until(() -> server.refused() >= 2);
            assertThat(status().state()).isEqualTo(ProviderState.DOWN);
            assertThat(status().message()).contains("401").contains(server.uri().toString()).doesNotContain(wrongKey);
            assertThat(stream.connected()).isFalse();
            stream.close();

            startConnected(); // the right key, then a drop
            server.dropAll();
            await().until(() -> server.accepted() == 2);
            assertThat(status().lastError()).isNotNull();

            assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                    .doesNotContain(wrongKey).doesNotContain(KEY).doesNotContain("token="));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void aRefusedKeyIsRetriedAtTheLongestBackoff() {
        start("wrong-key");
        // The fake counts the refusal before the stream has read the answer and reported it.
        await().until(() -> server.refused() >= 1 && status().message() != null);
        assertThat(status().message()).contains("refused the connection (HTTP 401)").contains("reconnecting in 200 ms");
    }

    @Test
    void closeStopsReconnectingAndReportsDisconnected() {
        startConnected().subscribe("AAPL");
        await().until(() -> server.receivedCount(subscribe("AAPL")) == 1);

        stream.close();

        assertThat(stream.connected()).isFalse();
        await().until(() -> server.open() == 0);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aBlankKeyFailsFastAndSettingsNeverPrintTheKey() {
        assertThatThrownBy(() -> new FinnhubStreamSettings(server.uri(), " ", Duration.ofSeconds(1),
                Duration.ofSeconds(60), IDLE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API key");
        FinnhubStreamSettings settings = FinnhubStreamSettings.defaults(KEY);
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(settings.safeUri()).isEqualTo("wss://ws.finnhub.io");
        assertThat(settings.connectUri().toString()).isEqualTo("wss://ws.finnhub.io/?token=" + KEY);
        assertThat(settings.redact("failed at /?token=" + KEY)).isEqualTo("failed at /?token=***");
    }
}
