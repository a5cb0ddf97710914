package io.tickhub.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.provider.UpstreamSubscriptionsTest.RecordingLink;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cap, the linger and the message rate of one streaming upstream, on a clock only the test moves. */
class UpstreamSubscriptionLimitsTest {

    private static final Duration LINGER = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final RecordingLink link = new RecordingLink();

    private UpstreamSubscriptions connected(int maxSymbols, Duration linger, int messagesPerSecond) {
        UpstreamSubscriptions subscriptions = new UpstreamSubscriptions(
                new UpstreamLimits(maxSymbols, linger, messagesPerSecond), clock);
        subscriptions.connected(link);
        return subscriptions;
    }

    @Test
    void aSymbolPastTheCapIsRefusedAndNeverSent() {
        UpstreamSubscriptions subscriptions = connected(2, LINGER, 5);

        assertThat(subscriptions.acquire("AAPL")).isTrue();
        assertThat(subscriptions.acquire("MSFT")).isTrue();
        assertThat(subscriptions.acquire("TSLA")).isFalse();
        assertThat(subscriptions.acquire("TSLA")).isFalse();

        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT");
        assertThat(subscriptions.refused("TSLA")).isTrue();
        assertThat(subscriptions.refused("AAPL")).isFalse();
        assertThat(subscriptions.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(subscriptions.use()).isEqualTo(new UpstreamUse(2, 2, 1, 2));
    }

    @Test
    void aRefusedSymbolTakesTheNextFreeSlotAtOnceOldestRefusalFirst() {
        UpstreamSubscriptions subscriptions = connected(1, LINGER, 5);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("TSLA");
        subscriptions.acquire("XOM");

        subscriptions.release("AAPL"); // no linger while others wait: the slot goes to TSLA now

        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL", "subscribe TSLA");
        assertThat(subscriptions.refusedSymbols()).containsExactly("XOM");
        assertThat(subscriptions.refused("TSLA")).isFalse();
    }

    @Test
    void releasingARefusedSymbolForgetsItWithoutSendingAnything() {
        UpstreamSubscriptions subscriptions = connected(1, LINGER, 5);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("TSLA");

        subscriptions.release("TSLA");

        assertThat(subscriptions.refusedSymbols()).isEmpty();
        assertThat(subscriptions.interestIn("TSLA")).isZero();
        assertThat(link.sent).containsExactly("subscribe AAPL");
    }

    @Test
    void anUnsubscribeIsSentOnlyAfterTheLinger() {
        UpstreamSubscriptions subscriptions = connected(50, LINGER, 5);
        subscriptions.acquire("AAPL");
        subscriptions.release("AAPL");

        clock.advance(LINGER.minusMillis(1));
        subscriptions.tick();
        assertThat(link.sent).containsExactly("subscribe AAPL");
        assertThat(subscriptions.lingeringSymbols()).containsExactly("AAPL");

        clock.advance(Duration.ofMillis(1));
        subscriptions.tick();
        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL");
        assertThat(subscriptions.symbols()).isEmpty();
    }

    @Test
    void interestBackWithinTheLingerSendsNothingAndRestartsTheLingerNextTime() {
        UpstreamSubscriptions subscriptions = connected(50, LINGER, 5);
        subscriptions.acquire("AAPL");
        subscriptions.release("AAPL");
        clock.advance(Duration.ofSeconds(20));

        subscriptions.acquire("AAPL");
        subscriptions.release("AAPL");
        clock.advance(Duration.ofSeconds(20)); // 40 s after the first release, 20 s after the second
        subscriptions.tick();

        assertThat(link.sent).containsExactly("subscribe AAPL");
    }

    @Test
    void atTheCapALingeringSymbolGivesItsSlotToANewOneOldestFirst() {
        UpstreamSubscriptions subscriptions = connected(2, LINGER, 5);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("MSFT");
        subscriptions.release("MSFT");
        subscriptions.release("AAPL");

        assertThat(subscriptions.acquire("TSLA")).isTrue();

        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT", "unsubscribe MSFT", "subscribe TSLA");
        assertThat(subscriptions.lingeringSymbols()).containsExactly("AAPL");
    }

    @Test
    void fourThousandFlipsOfOneSymbolSendOneSubscribe() {
        UpstreamSubscriptions subscriptions = connected(50, LINGER, 5);

        for (int i = 0; i < 2_000; i++) {
            subscriptions.acquire("AAPL");
            subscriptions.release("AAPL");
        }
        subscriptions.tick();

        assertThat(link.sent).containsExactly("subscribe AAPL");
        assertThat(subscriptions.messagesSent()).isEqualTo(1);
    }

    @Test
    void withoutLingerTheRateBoundsFlipsAndTheLastStateStillGoesOut() {
        UpstreamSubscriptions subscriptions = connected(3, Duration.ZERO, 2); // a burst of 3, then 2 a second

        for (int i = 0; i < 2_000; i++) {
            subscriptions.acquire("AAPL");
            subscriptions.release("AAPL");
        }
        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL", "subscribe AAPL");

        clock.advance(Duration.ofSeconds(1));
        subscriptions.tick();

        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL", "subscribe AAPL", "unsubscribe AAPL");
        subscriptions.tick();
        assertThat(link.sent).hasSize(4);
    }

    @Test
    void heldBackUnsubscribesGoBeforeSubscribesSoTheUpstreamNeverExceedsTheCap() {
        UpstreamSubscriptions subscriptions = connected(2, Duration.ZERO, 1); // a burst of 2, then 1 a second
        subscriptions.acquire("AAPL");
        subscriptions.acquire("MSFT");
        subscriptions.release("AAPL");
        subscriptions.acquire("TSLA"); // wanted now, but no message left for it or for AAPL's unsubscribe

        clock.advance(Duration.ofSeconds(1));
        subscriptions.tick();
        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT", "unsubscribe AAPL");

        clock.advance(Duration.ofSeconds(1));
        subscriptions.tick();
        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT", "unsubscribe AAPL", "subscribe TSLA");
    }

    @Test
    void aSymbolReleasedBeforeItsSubscribeWentOutIsDroppedWithoutLingering() {
        UpstreamSubscriptions subscriptions = connected(1, LINGER, 1); // a burst of 1
        subscriptions.acquire("AAPL");
        subscriptions.release("AAPL"); // sent: lingers
        clock.advance(LINGER);
        subscriptions.tick(); // the unsubscribe waits for the rate
        subscriptions.acquire("MSFT"); // its subscribe waits too

        subscriptions.release("MSFT");

        assertThat(subscriptions.lingeringSymbols()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        subscriptions.tick();
        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL");
    }

    @Test
    void aThousandSymbolsSubscribedAndUnsubscribedCostTheCapTwiceAndNothingMore() {
        UpstreamSubscriptions subscriptions = connected(50, LINGER, 5);
        for (int i = 0; i < 1_000; i++) {
            subscriptions.acquire("S" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            subscriptions.release("S" + i);
        }
        for (int second = 0; second < 60; second++) { // refused symbols promoted meanwhile never go out
            clock.advance(Duration.ofSeconds(1));
            subscriptions.tick();
        }

        assertThat(link.sent).hasSize(100);
        assertThat(link.sent.subList(0, 50)).allMatch(m -> m.startsWith("subscribe S") && Integer.parseInt(m.substring(11)) < 50);
        assertThat(link.sent.subList(50, 100)).allMatch(m -> m.startsWith("unsubscribe S"));
        assertThat(subscriptions.symbols()).isEmpty();
        assertThat(subscriptions.refusedSymbols()).isEmpty();
    }

    @Test
    void aReconnectReplaysEveryWantedSymbolWhateverTheRate() {
        UpstreamSubscriptions subscriptions = connected(3, LINGER, 1);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("MSFT");
        subscriptions.acquire("TSLA"); // the burst of 3 is spent
        subscriptions.disconnected();
        RecordingLink second = new RecordingLink();

        subscriptions.connected(second);

        assertThat(second.sent).containsExactly("subscribe AAPL", "subscribe MSFT", "subscribe TSLA");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new UpstreamLimits(0, LINGER, 5)).hasMessageContaining("maxSymbols");
        assertThatThrownBy(() -> new UpstreamLimits(50, Duration.ofSeconds(-1), 5)).hasMessageContaining("linger");
        assertThatThrownBy(() -> new UpstreamLimits(50, LINGER, -1)).hasMessageContaining("messagesPerSecond");
    }
}
