package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code maxRate}: at most one update per symbol per interval, the latest held and marked conflated. */
class MaxRateTest {

    private final Hub hub = new Hub();
    private final Client client = hub.connect();
    private final NativeSession session = hub.sessionAllowingWildcard(client);

    private void subscribe(List<String> symbols, Double maxRate) {
        session.handle(new ClientMessage.Subscribe(symbols, List.of(), false, Map.of(), maxRate));
        hub.drain();
    }

    /** What the transport's housekeeping does several times a second. */
    private void tick() {
        client.connection().tick();
        hub.drain();
    }

    @Test
    void updatesWithinTheIntervalAreHeldAndTheLatestGoesOutWhenItEndsMarkedWithWhatItReplaced() {
        subscribe(List.of("AAPL"), 1.0);

        hub.publish("AAPL", 1, 5);
        hub.drain();
        assertThat(client.seqsOf("AAPL")).containsExactly(1L);

        tick();
        assertThat(client.seqsOf("AAPL")).as("the interval has not ended").containsExactly(1L);

        hub.clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 5L);
        assertThat(Frames.conflated(client.updatesOf("AAPL").getLast())).isEqualTo(3);
        assertThat(hub.metrics.conflated()).isEqualTo(3);
    }

    @Test
    void theFanOutsFrequentReleaseReachesAConnectionHoldingUpdatesAndOnlyWhileItHoldsThem() {
        subscribe(List.of("AAPL"), 1.0);
        publish(1, 5);

        releaseHeldAfter(Duration.ofSeconds(1));
        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 5L);

        hub.clock.advance(Duration.ofSeconds(1));
        publish(6, 6); // a quiet interval ended: out at once, nothing held
        publish(7, 8);
        releaseHeldAfter(Duration.ofSeconds(1));
        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 5L, 6L, 8L);
    }

    private void publish(long from, long to) {
        hub.publish("AAPL", from, to);
        hub.drain();
    }

    /** What the transport's ticker runs between the full checks, {@code after} from now. */
    private void releaseHeldAfter(Duration after) {
        hub.clock.advance(after);
        hub.fanOut.releaseHeld();
        hub.drain();
    }

    @Test
    void anUpdateAfterAQuietIntervalGoesOutAtOnce() {
        subscribe(List.of("AAPL"), 2.0);
        hub.publish("AAPL", 1, 1);
        hub.drain();

        hub.clock.advance(Duration.ofMillis(500));
        hub.publish("AAPL", 2, 2);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 2L);
        assertThat(client.updatesOf("AAPL")).noneMatch(m -> Frames.conflated(m) > 0);
    }

    @Test
    void eachSymbolHasItsOwnInterval() {
        subscribe(List.of("AAPL", "MSFT"), 1.0);

        hub.publish("AAPL", 1, 2);
        hub.publish("MSFT", 1, 2);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L);
        assertThat(client.seqsOf("MSFT")).containsExactly(1L);
    }

    @Test
    void subscribingAgainWithoutMaxRateLiftsTheLimitAndSendsWhatWasHeld() {
        subscribe(List.of("AAPL"), 1.0);
        hub.publish("AAPL", 1, 3);
        hub.drain();

        subscribe(List.of("AAPL"), null);
        hub.publish("AAPL", 4, 5);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 3L, 4L, 5L);
    }

    @Test
    void unsubscribingDropsWhatWasHeld() {
        subscribe(List.of("AAPL"), 1.0);
        hub.publish("AAPL", 1, 3);
        hub.drain();

        session.handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of()));
        hub.clock.advance(Duration.ofSeconds(2));
        tick();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    void maxRateOnEverySymbolLimitsEachOneSeparately() {
        subscribe(List.of("*"), 1.0);

        hub.publish("AAPL", 1, 3);
        hub.publish("MSFT", 1, 2);
        hub.drain();
        hub.clock.advance(Duration.ofSeconds(1));
        tick();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 3L);
        assertThat(client.seqsOf("MSFT")).containsExactly(1L, 2L);
    }
}
