package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.util.List;
import org.junit.jupiter.api.Test;

/** System A's /ws/prices session: snapshot of everything, watchlists that keep updates flowing. */
class TickerHubSessionTest {

    private final Hub hub = new Hub();
    private final Client client = hub.connect(false, WireFormat.TICKER_HUB);
    private final TickerHubSession session = new TickerHubSession(client.connection(), hub.fanOut, 3);

    private List<String> frames() {
        hub.drain();
        return client.sink().frames();
    }

    @Test
    void watchlistRepliesWithItsFilteredSnapshotAndThenOnlyItsUpdatesKeepFlowing() {
        hub.publish("AAPL", 1, 1);
        hub.publish("MSFT", 1, 1);
        session.start();
        hub.drain();

        session.watchlist(List.of("aapl", "NVDA"));
        hub.drain();
        hub.publish("AAPL", 2, 3);
        hub.publish("MSFT", 2, 2);
        hub.publish("NVDA", 1, 1);

        List<String> frames = frames();
        assertThat(frames.get(0)).contains("\"AAPL\"").contains("\"MSFT\"");
        assertThat(frames.get(1)).startsWith("{\"AAPL\":").doesNotContain("MSFT");
        assertThat(frames.subList(2, frames.size())).extracting(f -> f.substring(2, 6))
                .containsExactly("AAPL", "AAPL", "NVDA");
        assertThat(session.watchlist()).containsExactlyInAnyOrder("AAPL", "NVDA");
    }

    @Test
    void changingTheWatchlistDropsSymbolsNoLongerOnIt() {
        session.start();
        session.watchlist(List.of("AAPL", "MSFT"));
        session.watchlist(List.of("MSFT"));
        hub.drain();
        int before = client.sink().frames().size();

        hub.publish("AAPL", 1, 1);
        hub.publish("MSFT", 1, 1);

        assertThat(frames().subList(before, frames().size())).singleElement()
                .satisfies(f -> assertThat(f).startsWith("{\"MSFT\":"));
        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
    }

    @Test
    void anEmptyWatchlistMeansEverySymbolAgainWithAFullSnapshot() {
        hub.publish("AAPL", 1, 1);
        session.start();
        session.watchlist(List.of("MSFT"));
        session.watchlist(List.of());
        hub.drain();
        int before = client.sink().frames().size();

        hub.publish("TSLA", 1, 1);

        assertThat(client.sink().frames().get(before - 1)).startsWith("{\"AAPL\":");
        assertThat(frames().getLast()).startsWith("{\"TSLA\":");
        assertThat(client.connection().isWildcard()).isTrue();
        assertThat(client.connection().symbols()).isEmpty();
    }

    @Test
    void invalidSymbolsAreLeftOutWithAnErrorAndTheRestApplies() {
        session.start();
        session.watchlist(List.of("AAPL", "bad sym"));

        assertThat(frames().stream().filter(f -> f.startsWith("{\"type\":\"error\"")))
                .singleElement().satisfies(f -> assertThat(f).contains("invalid_symbol").contains("bad sym"));
        assertThat(session.watchlist()).containsExactly("AAPL");
    }

    @Test
    void aWatchlistOverTheLimitIsRefusedAndTheCurrentOneKept() {
        session.start();
        session.watchlist(List.of("A"));
        session.watchlist(List.of("A", "B", "C", "D"));

        assertThat(frames().getLast()).contains("too_many_symbols");
        assertThat(session.watchlist()).containsExactly("A");
    }

    @Test
    void textPingIsAnsweredWithPong() {
        session.ping();

        assertThat(frames()).containsExactly("pong");
    }
}
