package io.tickhub.server.provider.finnhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.UpstreamLimits;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeFinnhubServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The stream's upstream limits against the fake Finnhub: the cap on symbols, the linger before an
 * unsubscribe and the bound on messages a flapping client can cause. The linger and the message
 * rate run on a manual clock; the stream's own ticks run too but see time move only when the test
 * moves it. Absence of a message is checked by sending a marker after it: sends are ordered.
 */
class FinnhubStreamLimitsTest {

    private static final String KEY = "test-key-s3cr3t";
    private static final Duration LINGER = Duration.ofSeconds(30);
    /** The always-streamed symbols ({@code stream-symbols}), as the catalog subscribes them. */
    private static final List<String> ALWAYS = List.of("AAPL", "MSFT");

    private final ManualClock clock = new ManualClock();
    private final FakeFinnhubServer server = FakeFinnhubServer.start(KEY);
    private FinnhubStream stream;

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        server.close();
    }

    private FinnhubStream startConnected(UpstreamLimits limits) {
        stream = new FinnhubStream(new FinnhubStreamSettings(server.uri(), KEY, Duration.ofMillis(10),
                Duration.ofMillis(200), Duration.ofSeconds(90), limits), q -> { }, p -> { },
                new ProviderStatusBoard(clock), clock);
        ALWAYS.forEach(stream::subscribe); // before the connection: replayed, not counted by the rate
        stream.start();
        // The replay is sent once the connection is linked: from then on a subscribe goes out at once.
        await().until(() -> server.received().size() == ALWAYS.size());
        return stream;
    }

    private static String subscribe(String symbol) {
        return "{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    private static String unsubscribe(String symbol) {
        return "{\"type\":\"unsubscribe\",\"symbol\":\"" + symbol + "\"}";
    }

    /** What the fake holds subscribed on its latest connection, replaying the frames it received. */
    private Set<String> subscribedUpstream() {
        Set<String> held = new TreeSet<>();
        for (String frame : server.received()) {
            String symbol = frame.replaceAll(".*\"symbol\":\"([^\"]+)\".*", "$1");
            if (frame.equals(subscribe(symbol))) {
                held.add(symbol);
            } else if (frame.equals(unsubscribe(symbol))) {
                held.remove(symbol);
            }
        }
        return held;
    }

    /** Subscribes a marker symbol and waits for it upstream: every message sent before it has arrived. */
    private void awaitEverythingSentSoFar(String marker) {
        stream.subscribe(marker);
        await().until(() -> server.receivedCount(subscribe(marker)) == 1);
    }

    private static String clientSymbol(int i) {
        return "S" + i;
    }

    @Test
    void theFiftyFirstSymbolIsRefusedAndNeverSentUpstreamAlwaysStreamedOnesCounted() {
        startConnected(UpstreamLimits.FINNHUB_FREE_PLAN);
        IntStream.range(0, 48).mapToObj(FinnhubStreamLimitsTest::clientSymbol).forEach(stream::subscribe);
        await().until(() -> server.received().size() == 50);

        stream.subscribe("LATE");

        assertThat(stream.refused("LATE")).isTrue();
        assertThat(stream.refused("S0")).isFalse();
        assertThat(stream.refusedSymbols()).containsExactly("LATE");
        assertThat(stream.upstreamUse().orElseThrow().refused()).isEqualTo(1);
        stream.unsubscribe("S0"); // a slot frees: LATE takes it at once (nothing lingers while a symbol waits)
        await().until(() -> server.receivedCount(subscribe("LATE")) == 1);
        assertThat(server.received().get(50)).isEqualTo(unsubscribe("S0"));
        assertThat(subscribedUpstream()).hasSize(50).contains("LATE", "AAPL", "MSFT").doesNotContain("S0");
    }

    @Test
    void reachingTheCapIsLoggedOncePerSpellAtIt() {
        Logger logger = (Logger) LoggerFactory.getLogger(FinnhubStream.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            startConnected(new UpstreamLimits(3, LINGER, 5));
            stream.subscribe("TSLA");
            stream.subscribe("NVDA");
            stream.subscribe("AMZN");
            stream.unsubscribe("NVDA");
            stream.unsubscribe("AMZN"); // nothing waits any more
            stream.subscribe("META");

            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("at its cap"))
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("Finnhub stream at its cap of 3 symbols (tickhub.providers.finnhub.max-stream-symbols): "
                                    + "NVDA and any further symbol wait for a slot; clients are told upstream_limit",
                            "Finnhub stream at its cap of 3 symbols (tickhub.providers.finnhub.max-stream-symbols): "
                                    + "META and any further symbol wait for a slot; clients are told upstream_limit");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void aSymbolNoClientWantsIsUnsubscribedOnlyAfterTheLinger() throws Exception {
        startConnected(new UpstreamLimits(50, LINGER, 5));
        stream.subscribe("TSLA");
        stream.unsubscribe("TSLA");

        clock.advance(LINGER.minusSeconds(1));
        stream.tickSubscriptionsNow();
        awaitEverythingSentSoFar("MARK1");
        assertThat(server.receivedCount(unsubscribe("TSLA"))).isZero();
        assertThat(stream.lingeringSymbols()).containsExactly("TSLA");

        clock.advance(Duration.ofSeconds(1));
        stream.tickSubscriptionsNow();
        await().until(() -> server.receivedCount(unsubscribe("TSLA")) == 1);
        assertThat(stream.symbols()).doesNotContain("TSLA");
    }

    @Test
    void fourThousandFlipsMakeAHandfulOfUpstreamMessages() throws Exception {
        startConnected(new UpstreamLimits(50, LINGER, 5));
        List<String> flapped = List.of("TSLA", "NVDA", "AMZN");

        for (int flip = 0; flip < 4_000; flip += 2) {
            String symbol = flapped.get((flip / 2) % flapped.size());
            stream.subscribe(symbol);
            stream.unsubscribe(symbol);
        }
        clock.advance(Duration.ofSeconds(2)); // as long as the incident's 1.5 s, and some
        stream.tickSubscriptionsNow();
        awaitEverythingSentSoFar("MARK");

        List<String> caused = server.received().subList(2, server.received().size() - 1);
        assertThat(caused).containsExactly(subscribe("TSLA"), subscribe("NVDA"), subscribe("AMZN"));
        assertThat(stream.upstreamUse().orElseThrow().messages()).isEqualTo(2 + 3 + 1);
    }

    @Test
    void withoutLingerTheMessageRateStillBoundsAFlappingClient() throws Exception {
        startConnected(new UpstreamLimits(4, Duration.ZERO, 2)); // a burst of 4, then 2 a second

        for (int flip = 0; flip < 4_000; flip += 2) {
            stream.subscribe("TSLA");
            stream.unsubscribe("TSLA");
        }
        clock.advance(Duration.ofSeconds(1));
        stream.tickSubscriptionsNow();
        clock.advance(Duration.ofSeconds(1));
        stream.tickSubscriptionsNow();
        awaitEverythingSentSoFar("MARK");

        List<String> caused = server.received().subList(2, server.received().size() - 1);
        assertThat(caused).hasSizeLessThanOrEqualTo(2 + 2).startsWith(subscribe("TSLA"), unsubscribe("TSLA"));
        assertThat(subscribedUpstream()).containsExactly("AAPL", "MARK", "MSFT");
    }

    @Test
    void afterAllClientsLeaveAndTheLingerEndsOnlyTheAlwaysStreamedSymbolsRemain() throws Exception {
        startConnected(UpstreamLimits.FINNHUB_FREE_PLAN);
        List<String> clients = IntStream.range(0, 48).mapToObj(FinnhubStreamLimitsTest::clientSymbol).toList();
        clients.forEach(stream::subscribe);
        stream.subscribe("S0"); // a second client on S0
        stream.subscribe("LATE"); // refused: the cap is full
        await().until(() -> server.received().size() == 50);

        clients.forEach(stream::unsubscribe);
        stream.unsubscribe("S0");
        stream.unsubscribe("LATE");
        assertThat(stream.symbols()).hasSize(50); // lingering, still subscribed
        clock.advance(LINGER.plusSeconds(10)); // 10 s of message rate for the 48 unsubscribes: 50 at once, then 5 a second
        stream.tickSubscriptionsNow();

        await().until(() -> subscribedUpstream().equals(Set.copyOf(ALWAYS)));
        assertThat(stream.symbols()).containsExactlyElementsOf(ALWAYS);
        assertThat(stream.refusedSymbols()).isEmpty();
        assertThat(stream.lingeringSymbols()).isEmpty();
        // LATE got S1's slot when S1's client left (a refused symbol does not wait for a linger), then lingered out
        assertThat(server.receivedCount(unsubscribe("LATE"))).isEqualTo(server.receivedCount(subscribe("LATE")));
    }

    @Test
    void aReconnectRestoresTheCappedSetAtOnce() {
        startConnected(UpstreamLimits.FINNHUB_FREE_PLAN);
        IntStream.range(0, 60).mapToObj(FinnhubStreamLimitsTest::clientSymbol).forEach(stream::subscribe);
        await().until(() -> server.received().size() == 50);

        server.dropAll();

        await().until(() -> server.accepted() == 2 && server.received().size() == 100);
        assertThat(server.received().subList(50, 100)).containsExactlyInAnyOrderElementsOf(server.received().subList(0, 50));
        assertThat(stream.refusedSymbols()).hasSize(2 + 60 - 50);
    }
}
