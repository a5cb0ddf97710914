package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import org.junit.jupiter.api.Test;

/** A bus batch wakes each event loop once, however many connections and updates the batch held for it. */
class BatchWakeupTest {

    private final Hub hub = new Hub();

    @Test
    void aBatchWakesTheEventLoopOnceAndEachConnectionFlushesOnce() {
        Client a = hub.connect();
        Client b = hub.connect();
        for (Client c : new Client[] {a, b}) {
            hub.fanOut.subscribe(c.connection(), "AAPL", false, null);
            hub.fanOut.subscribe(c.connection(), "MSFT", false, null);
        }
        hub.drain();
        int flushesBefore = a.sink().flushes();

        for (long seq = 1; seq <= 6; seq++) { // 12 per connection: within the buffer, nothing conflates
            for (String symbol : new String[] {"AAPL", "MSFT"}) {
                var q = quote(symbol, seq);
                hub.book.apply(q);
                hub.fanOut.onQuote(q);
            }
        }
        assertThat(hub.loop.pending()).as("nothing is woken before the batch ends").isZero();

        hub.fanOut.onBatchEnd();
        assertThat(hub.loop.pending()).as("both connections live on one event loop: one wake-up").isEqualTo(1);

        hub.drain();
        assertThat(a.seqsOf("AAPL")).hasSize(6);
        assertThat(b.seqsOf("MSFT")).hasSize(6);
        assertThat(a.sink().flushes() - flushesBefore).isEqualTo(1);
    }

    @Test
    void aConnectionWithoutDataInTheBatchIsNotWoken() {
        Client subscribed = hub.connect();
        Client idle = hub.connect();
        hub.fanOut.subscribe(subscribed.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(idle.connection(), "MSFT", false, null);
        hub.drain();

        hub.publish("AAPL", 1, 1);

        assertThat(subscribed.seqsOf("AAPL")).isEmpty(); // not drained yet
        assertThat(hub.loop.pending()).isEqualTo(1);
        hub.drain();
        assertThat(subscribed.seqsOf("AAPL")).containsExactly(1L);
        assertThat(idle.messages()).isEmpty();
    }
}
