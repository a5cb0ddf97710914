package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Instrument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Subscriptions to every symbol: native {@code *} and system A's {@code /ws/prices} with its records. */
class EverySymbolTest {

    private final Hub hub = new Hub();

    @Test
    void nativeWildcardSnapshotsEverySymbolThenDeliversEveryUpdateIncludingNewSymbols() {
        hub.publish("AAPL", 1, 2);
        hub.publish("MSFT", 1, 1);
        Client client = hub.connect();
        NativeSession session = hub.sessionAllowingWildcard(client);

        session.handle(new ClientMessage.Subscribe(List.of("*"), List.of(), true, Map.of(), null));
        hub.drain();
        hub.publish("AAPL", 3, 3);
        hub.publish("TSLA", 1, 1);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(2L, 3L);
        assertThat(client.seqsOf("MSFT")).containsExactly(1L);
        assertThat(client.seqsOf("TSLA")).containsExactly(1L);
        assertThat(Frames.isSnapshot(client.updatesOf("AAPL").getFirst())).isTrue();
        assertThat(hub.fanOut.subscriberCount("AAPL")).as("'*' brings no symbol in from upstream").isZero();
        assertThat(hub.fanOut.subscriptions()).isEqualTo(1);
    }

    @Test
    void aSymbolSubscribedByNameAndByWildcardIsDeliveredOnce() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.fanOut.subscribeAll(client.connection(), false);

        hub.publish("AAPL", 1, 3);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void unregisteringReleasesTheWildcard() {
        Client client = hub.connect();
        hub.fanOut.subscribeAll(client.connection(), false);

        hub.disconnect(client);
        hub.publish("AAPL", 1, 1);
        hub.drain();

        assertThat(hub.fanOut.subscriptions()).isZero();
        assertThat(client.sink().frames()).isEmpty();
    }

    @Test
    void tickerHubSnapshotIsOneObjectOfRecordsKeyedBySymbolThenOneRecordPerUpdate() {
        hub.instruments.register(new Instrument("AAPL", "Apple Inc.", "USD", "NASDAQ"));
        hub.publish(quote("AAPL", 1, 100.0));
        hub.publish(quote("AAPL", 2, 110.0));
        Client client = hub.connect(false, WireFormat.TICKER_HUB);

        hub.fanOut.subscribeAll(client.connection(), true);
        hub.drain();
        hub.publish(quote("MSFT", 1, 50.0));
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("{\"AAPL\":{\"price\":110.0,\"marketTime\":\"2025-01-02T14:29:59.500Z\","
                + "\"publishedTime\":\"2025-01-02T14:30:00.000Z\",\"meta\":{\"symbol\":\"AAPL\",\"name\":\"Apple Inc.\","
                + "\"currency\":\"USD\",\"price\":110.0,\"change\":10.0,\"changePercent\":10.0,\"marketState\":\"PRE\"}}}");
        assertThat(frames.get(1)).startsWith("{\"MSFT\":{\"price\":50.0,").contains("\"name\":\"MSFT\"");
    }

    @Test
    void tickerHubSnapshotOfAnEmptyBookIsAnEmptyObject() {
        Client client = hub.connect(false, WireFormat.TICKER_HUB);

        hub.fanOut.subscribeAll(client.connection(), true);
        hub.drain();

        assertThat(client.sink().frames()).containsExactly("{}");
    }

    @Test
    void watchlistSnapshotListsOnlyItsKnownSymbolsAndLaterOnlyTheirUpdatesFlowIncludingNewOnes() {
        hub.publish("AAPL", 1, 1);
        hub.publish("MSFT", 1, 1);
        Client client = hub.connect(false, WireFormat.TICKER_HUB);
        hub.fanOut.subscribeAll(client.connection(), true);
        hub.drain();

        hub.fanOut.unsubscribeAll(client.connection());
        hub.fanOut.snapshotRecords(client.connection(), Set.of("AAPL", "NVDA"));
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(client.connection(), "NVDA", false, null);
        hub.drain();
        hub.publish("MSFT", 2, 2);
        hub.publish("AAPL", 2, 2);
        hub.publish("NVDA", 1, 1);
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames).hasSize(4);
        assertThat(frames.get(1)).startsWith("{\"AAPL\":").doesNotContain("MSFT").doesNotContain("NVDA");
        assertThat(frames.get(2)).startsWith("{\"AAPL\":");
        assertThat(frames.get(3)).startsWith("{\"NVDA\":");
    }
}
