package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A symbol that goes silent is announced stale once to its native subscribers, and again only after it was fed. */
class StaleAnnouncementsTest {

    private final Hub hub = new Hub();
    private final FeedBoard feeds = new FeedBoard(new FailoverPolicy(List.of("simulator"), Map.of(), 3), hub.clock, s -> { });
    private final SymbolFreshness freshness = new SymbolFreshness(hub.book, feeds, hub.clock, Duration.ofMinutes(5),
            Duration.ofHours(24));
    private final StaleAnnouncements announcements = new StaleAnnouncements(freshness, hub.book, hub.fanOut);

    /** Updates {@code from..to} of {@code symbol}, published now on the hub's clock. */
    private void publish(String symbol, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            hub.publish(new Quote(symbol, 100 + seq, null, null, 0, "simulator", hub.clock.instant(), hub.clock.instant(),
                    seq, null));
        }
    }

    private List<String> staleMessages(Client client) {
        return client.messages().stream().filter(m -> "stale".equals(Frames.type(m))).toList();
    }

    @Test
    void aSilentSymbolIsAnnouncedOnceWithItsLatestSeqAndAgainAfterItWasFedAndWentSilentAgain() {
        Client client = hub.connect();
        publish("AAPL", 1, 3);
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain();

        hub.clock.advance(Duration.ofMinutes(4));
        assertThat(announcements.check()).isEmpty();
        hub.clock.advance(Duration.ofMinutes(1));
        assertThat(announcements.check()).containsExactly("AAPL");
        assertThat(announcements.check()).as("once per silence").isEmpty();
        hub.drain();
        assertThat(staleMessages(client)).singleElement().satisfies(m -> {
            assertThat(m).startsWith("{\"type\":\"stale\",\"symbol\":\"AAPL\",\"seq\":3,");
            assertThat(Frames.longField(m, "seq")).isEqualTo(3);
        });

        publish("AAPL", 4, 4);
        assertThat(announcements.check()).isEmpty();
        hub.clock.advance(Duration.ofMinutes(6));
        assertThat(announcements.check()).containsExactly("AAPL");
        hub.drain();
        assertThat(staleMessages(client)).hasSize(2).last().satisfies(m -> assertThat(Frames.longField(m, "seq")).isEqualTo(4));
    }

    @Test
    void onlyClientsOfTheNativeProtocolAndOfThatSymbolAreTold() {
        Client nativeClient = hub.connect();
        Client everything = hub.connect();
        Client other = hub.connect();
        Client seedFormat = hub.connect(false, WireFormat.PRICE_SYSTEM);
        publish("AAPL", 1, 1);
        publish("MSFT", 1, 1);
        hub.fanOut.subscribe(nativeClient.connection(), "AAPL", false, null);
        hub.fanOut.subscribeAll(everything.connection(), false);
        hub.fanOut.subscribe(other.connection(), "MSFT", false, null);
        hub.fanOut.subscribe(seedFormat.connection(), "AAPL", false, null);
        hub.clock.advance(Duration.ofMinutes(3));
        publish("MSFT", 2, 2);
        hub.clock.advance(Duration.ofMinutes(3));

        assertThat(announcements.check()).containsExactly("AAPL");
        hub.drain();

        assertThat(staleMessages(nativeClient)).hasSize(1);
        assertThat(staleMessages(everything)).hasSize(1);
        assertThat(staleMessages(other)).isEmpty();
        assertThat(seedFormat.messages()).noneMatch(m -> m.contains("stale"));
    }
}
