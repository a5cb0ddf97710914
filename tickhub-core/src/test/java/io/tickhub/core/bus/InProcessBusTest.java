package io.tickhub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.QuoteFixtures;
import io.tickhub.core.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The default bus passes the contract, and is synchronous and failure-isolating. */
class InProcessBusTest extends QuoteBusContract {

    @Override
    protected QuoteBus newBus() {
        return new InProcessBus();
    }

    @Test
    void deliversOnThePublishingThreadBeforePublishReturns() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        Quote quote = QuoteFixtures.quote("AAPL", 1);

        bus.publish(quote);

        assertThat(listener.quotes()).containsExactly(quote);
        assertThat(listener.deliveryThreads()).containsExactly(Thread.currentThread());
        assertThat(listener.batchEnds()).isZero();
    }

    @Test
    void listenersAreCalledInSubscriptionOrder() {
        List<String> calls = new ArrayList<>();
        bus.subscribe(q -> calls.add("first:" + q.seq()));
        bus.subscribe(q -> calls.add("second:" + q.seq()));

        bus.publish(QuoteFixtures.quote("AAPL", 1));
        bus.publish(QuoteFixtures.quote("AAPL", 2));

        assertThat(calls).containsExactly("first:1", "second:1", "first:2", "second:2");
    }

    @Test
    void throwingListenerDoesNotStopTheOthers() {
        RecordingListener before = new RecordingListener("before");
        RecordingListener after = new RecordingListener("after");
        bus.subscribe(before);
        bus.subscribe(failing("boom"));
        bus.subscribe(after);
        Quote quote = QuoteFixtures.quote("AAPL", 1);

        bus.publish(quote);
        bus.endOfBatch();

        assertThat(before.quotes()).containsExactly(quote);
        assertThat(after.quotes()).containsExactly(quote);
        assertThat(after.batchEnds()).isEqualTo(1);
    }

    @Test
    void listenerFailuresAreCountedAndReportedToTheCallback() {
        List<Map.Entry<QuoteListener, RuntimeException>> reported = new CopyOnWriteArrayList<>();
        InProcessBus inProcess = (InProcessBus) track(new InProcessBus((l, e) -> reported.add(Map.entry(l, e))));
        QuoteListener failing = failing("listener is broken");
        inProcess.subscribe(new RecordingListener());
        inProcess.subscribe(failing);

        inProcess.publish(QuoteFixtures.quote("AAPL", 1));
        inProcess.publish(QuoteFixtures.quote("AAPL", 2));
        inProcess.endOfBatch();

        assertThat(inProcess.listenerFailures()).isEqualTo(3);
        assertThat(reported).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.getKey()).isSameAs(failing);
            assertThat(entry.getValue()).hasMessage("listener is broken");
        });
    }

    @Test
    void aListenerThatRecoversKeepsReceiving() {
        InProcessBus inProcess = (InProcessBus) bus;
        List<Long> received = new ArrayList<>();
        inProcess.subscribe(q -> {
            if (q.seq() == 2) {
                throw new IllegalStateException("transient");
            }
            received.add(q.seq());
        });

        for (long seq = 1; seq <= 3; seq++) {
            inProcess.publish(QuoteFixtures.quote("AAPL", seq));
        }

        assertThat(received).containsExactly(1L, 3L);
        assertThat(inProcess.listenerFailures()).isEqualTo(1);
    }

    @Test
    void busWithoutListenersAcceptsQuotes() {
        InProcessBus inProcess = (InProcessBus) bus;

        inProcess.publish(QuoteFixtures.quote("AAPL", 1));
        inProcess.endOfBatch();

        assertThat(inProcess.listenerFailures()).isZero();
    }

    private static QuoteListener failing(String message) {
        return new QuoteListener() {
            @Override
            public void onQuote(Quote quote) {
                throw new IllegalStateException(message);
            }

            @Override
            public void onBatchEnd() {
                throw new IllegalStateException(message);
            }
        };
    }
}
