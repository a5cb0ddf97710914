package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.RecordingFrameSink;
import org.junit.jupiter.api.Test;

/**
 * An event loop's drain pass takes the connections that were waiting when it started and no
 * others: what the bus adds while it runs goes to the next pass, which is scheduled as a task of
 * its own, so the loop turns to its sockets (accepts, handshakes, reads) between passes however
 * fast the bus keeps adding.
 */
class DrainPassTest {

    private final Hub hub = new Hub();

    @Test
    void whatTheBusAddsDuringAPassWaitsForTheNextPass() {
        Client late = hub.connect();
        hub.fanOut.subscribe(late.connection(), "MSFT", false, null);
        // The first connection's first flush stands for the bus running while the pass writes: it
        // publishes an update for the other connection, which was not waiting when the pass began.
        RecordingFrameSink busDuringThePass = new RecordingFrameSink();
        boolean[] published = {false};
        busDuringThePass.onFlush(() -> {
            if (!published[0]) {
                published[0] = true;
                publish(quote("MSFT", 1));
            }
        });
        Connection first = new Connection("first", busDuringThePass, hub.loop, hub.context, false, WireFormat.NATIVE);
        hub.fanOut.register(first);
        hub.fanOut.subscribe(first, "AAPL", false, null);
        hub.drain();

        publish(quote("AAPL", 1));
        assertThat(hub.loop.pending()).isEqualTo(1);
        hub.loop.runNext(); // the pass: writes AAPL to the first connection, during which MSFT arrives

        assertThat(late.seqsOf("MSFT")).as("not drained by the pass that was running").isEmpty();
        assertThat(hub.loop.pending()).as("the next pass is its own task").isEqualTo(1);
        hub.loop.runNext();
        assertThat(late.seqsOf("MSFT")).containsExactly(1L);
    }

    private void publish(Quote q) {
        hub.book.apply(q);
        hub.fanOut.onQuote(q);
        hub.fanOut.onBatchEnd();
    }
}
