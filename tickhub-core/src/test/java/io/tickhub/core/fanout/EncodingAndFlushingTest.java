package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.testing.QuoteFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encode once, share the bytes; write in batches and flush once per event-loop turn. */
class EncodingAndFlushingTest {

    private final Hub hub = new Hub();

    @Test
    void everySubscriberIsHandedTheSameBytesForTheSameUpdate() {
        Client a = hub.connect();
        Client b = hub.connect();
        hub.fanOut.subscribe(a.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);

        hub.publish("AAPL", 1, 2);
        hub.drain();

        assertThat(a.sink().writes()).hasSize(2);
        assertThat(b.sink().writes()).hasSize(2);
        assertThat(a.sink().writes().get(0)).isSameAs(b.sink().writes().get(0));
        assertThat(a.sink().writes().get(1)).isSameAs(b.sink().writes().get(1));
    }

    @Test
    void manyUpdatesWaitingForOneTurnOfTheEventLoopAreFlushedOnce() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(client.connection(), "MSFT", false, null);

        hub.publish("AAPL", 1, 5);
        hub.publish("MSFT", 1, 5);
        assertThat(hub.loop.pending()).as("one drain scheduled, however many offers").isEqualTo(1);
        hub.drain();

        assertThat(client.sink().frames()).hasSize(10);
        assertThat(client.sink().flushes()).isEqualTo(1);
        assertThat(client.sink().flushedFrames()).hasSize(10);
        assertThat(hub.metrics.sentMessages()).isEqualTo(10);
        assertThat(hub.metrics.drains()).isEqualTo(1);
        long bytes = client.sink().writes().stream().mapToLong(w -> w.length).sum();
        assertThat(hub.metrics.sentBytes()).isEqualTo(bytes);
    }

    @Test
    void nothingIsWrittenUntilTheEventLoopRuns() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish("AAPL", 1, 3);

        assertThat(client.sink().frames()).isEmpty();
        assertThat(client.sink().flushes()).isZero();
    }

    @Test
    void drainWithNothingToWriteDoesNotFlush() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null); // unknown: the snapshot writes nothing

        hub.drain();

        assertThat(client.sink().flushes()).isZero();
        assertThat(hub.metrics.drains()).isZero();
    }

    @Test
    void batchConnectionGetsOneJsonArrayFrameWithEveryWaitingMessage() {
        hub.publish("AAPL", 1, 1);
        Client client = hub.connectBatch();
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.fanOut.subscribe(client.connection(), "MSFT", false, null);
        client.connection().send(NativeMessages.error("bad_request", "x"));

        hub.publish("MSFT", 1, 3);
        hub.drain();

        assertThat(client.sink().frames()).hasSize(1);
        assertThat(client.sink().flushes()).isEqualTo(1);
        String frame = client.sink().frames().getFirst();
        assertThat(frame).startsWith("[{").endsWith("}]");
        List<String> messages = Frames.messages(frame);
        assertThat(messages).extracting(Frames::type)
                .containsExactly("price_update", "error", "price_update", "price_update", "price_update");
        assertThat(Frames.isSnapshot(messages.getFirst())).isTrue();
        assertThat(client.seqsOf("AAPL")).containsExactly(1L);
        assertThat(client.seqsOf("MSFT")).containsExactly(1L, 2L, 3L);
        assertThat(hub.metrics.sentMessages()).isEqualTo(5);
    }

    @Test
    void eachTurnOfTheEventLoopIsItsOwnBatch() {
        Client client = hub.connectBatch();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish("AAPL", 1, 2);
        hub.drain();
        hub.publish("AAPL", 3, 3);
        hub.drain();

        assertThat(client.sink().frames()).hasSize(2);
        assertThat(Frames.messages(client.sink().frames().get(0))).hasSize(2);
        assertThat(Frames.messages(client.sink().frames().get(1))).hasSize(1);
        assertThat(client.sink().flushes()).isEqualTo(2);
    }

    @Test
    void largeBatchIsCutIntoSeveralValidArraysAndStillFlushedOnce() {
        Hub roomy = new Hub(1000, new StreamSettings(2048, Duration.ofSeconds(5), Duration.ofSeconds(10), 50));
        Client client = roomy.connectBatch();
        roomy.fanOut.subscribe(client.connection(), "AAPL", false, null);

        roomy.publish("AAPL", 1, 600); // ~ 600 x 230 bytes: more than one 64 KiB frame
        roomy.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames).hasSizeGreaterThan(1);
        assertThat(frames).allSatisfy(f -> assertThat(f).startsWith("[").endsWith("]"));
        assertThat(frames.subList(0, frames.size() - 1))
                .allSatisfy(f -> assertThat(f.length()).isGreaterThanOrEqualTo(64 * 1024));
        assertThat(client.seqsOf("AAPL")).hasSize(600).isSorted().doesNotHaveDuplicates();
        assertThat(client.sink().flushes()).isEqualTo(1);
    }

    @Test
    void textPongIsItsOwnFrameEvenOnABatchConnection() {
        Client client = hub.connectBatch();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        NativeSession session = hub.session(client, 10, 100);

        hub.publish("AAPL", 1, 1);
        session.handle(new ClientMessage.TextPing());
        hub.publish("AAPL", 2, 2);
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames).contains("pong");
        assertThat(frames).filteredOn(f -> !f.equals("pong"))
                .allSatisfy(f -> assertThat(Frames.messages(f)).allMatch(Frames::isPriceUpdate));
        assertThat(Frames.messages(frames.stream().filter(f -> !f.equals("pong")).toList()))
                .extracting(Frames::seq).containsExactly(1L, 2L);
        assertThat(frames.indexOf("pong")).as("in the order it was queued")
                .isGreaterThan(0).isLessThan(frames.size() - 1);
    }

    @Test
    void latencyIsMeasuredFromHubAcceptanceOfTheOldestUpdateInTheDrain() {
        hub.clock.set(QuoteFixtures.HUB_TIME.plusMillis(2)); // seq n was accepted at HUB_TIME + n µs
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish("AAPL", 1, 3);
        hub.drain();

        assertThat(hub.metrics.latencies()).containsExactly(2_000L - 1);
    }

    @Test
    void writtenTextIsUtf8OfTheEncodedMessage() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish(quote("AAPL", 1));
        hub.drain();

        byte[] bytes = client.sink().writes().getFirst();
        assertThat(bytes).isEqualTo(NativeMessages.priceUpdate(quote("AAPL", 1), quote("AAPL", 1).price(), false, 0));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(client.sink().frames().getFirst());
    }

    @Test
    void closeWritesWhatWasQueuedBeforeItThenClosesAndWritesNothingMore() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.publish("AAPL", 1, 2);

        client.connection().close(Connection.NORMAL, "bye");
        hub.publish("AAPL", 3, 3);
        client.connection().send(NativeMessages.error("bad_request", "late"));
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 2L);
        assertThat(client.sink().flushedFrames()).hasSize(2);
        assertThat(client.sink().closeCode()).isEqualTo(Connection.NORMAL);
        assertThat(client.sink().closeReason()).isEqualTo("bye");
        assertThat(client.sink().writesAfterClose()).isZero();
        assertThat(client.connection().isClosed()).isTrue();
        assertThat(client.connection().send(NativeMessages.error("bad_request", "later"))).isFalse();
    }

    @Test
    void closeAllSaysGoingAwayToEveryConnection() {
        Client a = hub.connect();
        Client b = hub.connect();

        hub.fanOut.closeAll("shutting down");
        hub.drain();

        assertThat(a.sink().closeCode()).isEqualTo(Connection.GOING_AWAY);
        assertThat(b.sink().closeCode()).isEqualTo(Connection.GOING_AWAY);
        assertThat(b.sink().closeReason()).isEqualTo("shutting down");
    }

    @Test
    void closeWhenTheQueueIsFullClosesAtOnceInsteadOfBeingLost() {
        Client client = hub.connect();
        client.sink().setWritable(false);
        for (int i = 0; i < Hub.SMALL.queueCapacity(); i++) {
            client.connection().send(NativeMessages.pong(String.valueOf(i)));
        }

        client.connection().close(Connection.NORMAL, "bye");
        hub.drain();
        client.sink().setWritable(true);
        client.connection().writable();
        hub.drain();

        assertThat(client.sink().closeCode()).isEqualTo(Connection.NORMAL);
        assertThat(client.connection().isClosed()).isTrue();
        assertThat(client.sink().frames()).isEmpty();
    }
}
