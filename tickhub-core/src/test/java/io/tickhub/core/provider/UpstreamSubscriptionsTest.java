package io.tickhub.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamSubscriptionsTest {

    /** Records what would go over the wire. */
    static final class RecordingLink implements UpstreamSubscriptions.Link {
        final List<String> sent = new ArrayList<>();

        @Override
        public void subscribe(String symbol) {
            sent.add("subscribe " + symbol);
        }

        @Override
        public void unsubscribe(String symbol) {
            sent.add("unsubscribe " + symbol);
        }
    }

    private final UpstreamSubscriptions subscriptions = new UpstreamSubscriptions();
    private final RecordingLink link = new RecordingLink();

    @Test
    void manyInterestsInOneSymbolSendOneSubscribe() {
        subscriptions.connected(link);

        subscriptions.acquire("AAPL");
        subscriptions.acquire("AAPL");
        subscriptions.acquire("AAPL");

        assertThat(link.sent).containsExactly("subscribe AAPL");
        assertThat(subscriptions.interestIn("AAPL")).isEqualTo(3);
    }

    @Test
    void onlyTheLastReleaseUnsubscribes() {
        subscriptions.connected(link);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("AAPL");

        subscriptions.release("AAPL");
        assertThat(link.sent).containsExactly("subscribe AAPL");

        subscriptions.release("AAPL");
        assertThat(link.sent).containsExactly("subscribe AAPL", "unsubscribe AAPL");
        assertThat(subscriptions.symbols()).isEmpty();
    }

    @Test
    void subscriptionsMadeWhileDownAreSentOnceConnected() {
        subscriptions.acquire("MSFT");
        subscriptions.acquire("AAPL");
        assertThat(link.sent).isEmpty();

        subscriptions.connected(link);

        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT");
    }

    @Test
    void aReconnectResendsEveryLiveSubscriptionAndNothingReleasedMeanwhile() {
        subscriptions.connected(link);
        subscriptions.acquire("AAPL");
        subscriptions.acquire("MSFT");
        subscriptions.disconnected();
        subscriptions.release("MSFT");
        subscriptions.acquire("TSLA");
        RecordingLink second = new RecordingLink();

        subscriptions.connected(second);

        assertThat(second.sent).containsExactly("subscribe AAPL", "subscribe TSLA");
        assertThat(link.sent).containsExactly("subscribe AAPL", "subscribe MSFT");
    }

    @Test
    void releasingASymbolNobodyWantsChangesNothing() {
        subscriptions.connected(link);

        subscriptions.release("AAPL");

        assertThat(link.sent).isEmpty();
        assertThat(subscriptions.interestIn("AAPL")).isZero();
    }
}
