package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.StoreBatch;
import io.tickhub.core.testing.ManualExecutor;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Resume from before the book's ring: the missing stretch is read from the store (on a pool of
 * its own, here a manual one), and the symbol is subscribed only when it is back.
 */
class StoredResumeTest {

    /** The book keeps the last 8 updates per symbol; the store keeps everything written to it. */
    private final Hub hub = new Hub(8, Hub.SMALL);
    private final MemoryStore store = new MemoryStore();
    private final ManualExecutor storeReads = new ManualExecutor();
    private final Client client = hub.connect();
    private final NativeSession session = new NativeSession(client.connection(), hub.fanOut, hub.news, hub.bars,
            hub.clock, new SessionLimits(2, 1000, false), new StoredResume(hub.book, store, storeReads, 20));

    /** Seqs {@code from..to} of AAPL, published (book, fan-out) and, when {@code stored}, in the store. */
    private void publish(long from, long to, boolean stored) {
        hub.publish("AAPL", from, to);
        if (stored) {
            store.write(StoreBatch.ofQuotes(LongStream.rangeClosed(from, to).mapToObj(seq -> quote("AAPL", seq)).toList()));
        }
        hub.drain();
    }

    private void resume(String symbol, long afterSeq) {
        session.handle(new ClientMessage.Subscribe(List.of(symbol), List.of(), true, Map.of(symbol, afterSeq), null));
        hub.drain();
    }

    private void storeAnswers() {
        storeReads.runAll();
        hub.drain();
    }

    private String recovered() {
        return client.ofType("recovered").getFirst();
    }

    @Test
    void aResumeOlderThanTheRingIsServedFromTheStoreThenTheRingThenLive() {
        publish(1, 30, true); // the ring holds 23..30

        resume("AAPL", 5);
        storeAnswers();
        publish(31, 32, true);

        assertThat(recovered()).isEqualTo("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":6,\"to\":30,\"complete\":true,\"epoch\":\"00000000000000e1\"}");
        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 32).boxed().toList());
        assertThat(client.updatesOf("AAPL")).noneMatch(Frames::isSnapshot);
    }

    @Test
    void updatesPublishedWhileTheStoreIsReadFollowTheReplayWithoutGapOrRepeat() {
        publish(1, 30, true);

        resume("AAPL", 5);
        publish(31, 33, true); // the store has not answered yet
        assertThat(client.seqsOf("AAPL")).as("nothing before the replay").isEmpty();
        storeAnswers();
        publish(34, 34, true);

        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 34).boxed().toList());
    }

    @Test
    void aRingThatMovedPastTheStoreReadWhileItRanIsCaughtUpFromTheStoreAgain() {
        publish(1, 30, true); // the ring holds 23..30

        resume("AAPL", 5);
        storeReads.runAll(); // read 6..30 while the hub goes on: the ring moves past 30 before the writer runs
        publish(31, 45, true); // the ring now holds 38..45: 31..37 are only in the store
        hub.drain();
        storeAnswers(); // the second read, 31..45
        publish(46, 46, true);

        assertThat(recovered()).contains("\"complete\":true");
        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 46).boxed().toList());
        assertThat(client.updatesOf("AAPL")).noneMatch(Frames::isSnapshot);
    }

    @Test
    void aStoreBehindTheLatestSeqIsJoinedByTheRing() {
        publish(1, 27, true);
        publish(28, 30, false); // not stored yet (the worker is behind); the ring holds 23..30

        resume("AAPL", 5);
        storeAnswers();

        assertThat(recovered()).contains("\"complete\":true");
        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 30).boxed().toList());
    }

    @Test
    void aStretchLongerThanTheLimitIsNotReadAndTheResumeSaysIncompleteWithASnapshot() {
        publish(1, 40, true); // the ring holds 33..40; 6..32 is 27 quotes, more than 20

        resume("AAPL", 5);

        assertThat(storeReads.runAll()).as("store reads").isZero();
        assertThat(recovered()).contains("\"complete\":false");
        assertThat(client.updatesOf("AAPL")).hasSize(1).allMatch(Frames::isSnapshot);
    }

    @Test
    void aStretchTheStoreLacksPartOfSaysIncompleteWithASnapshot() {
        publish(1, 10, true);
        publish(11, 30, false); // never stored (the store writer overflowed, say)

        resume("AAPL", 5);
        storeAnswers(); // 6..10, short of the latest: read on from 10
        storeAnswers(); // nothing more: the store lacks 11..22 for good

        assertThat(recovered()).contains("\"complete\":false");
        assertThat(client.updatesOf("AAPL")).hasSize(1).allMatch(Frames::isSnapshot);
        assertThat(client.seqsOf("AAPL")).containsExactly(30L);
    }

    @Test
    void aStoreThatLagsBehindTheRingIsReadAgainUntilItJoinsTheRing() {
        publish(1, 20, true);
        publish(21, 30, false); // the worker is behind by more than the ring: it holds 23..30

        resume("AAPL", 5);
        storeAnswers(); // 6..20: 21 and 22 are in neither
        store.write(StoreBatch.ofQuotes(LongStream.rangeClosed(21, 30).mapToObj(seq -> quote("AAPL", seq)).toList()));
        storeAnswers(); // 21..30: the ring holds the rest

        assertThat(recovered()).contains("\"complete\":true");
        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 30).boxed().toList());
        assertThat(client.updatesOf("AAPL")).noneMatch(Frames::isSnapshot);
    }

    @Test
    void aStoreThatFailsMakesTheResumeIncompleteAndTheSubscriptionStands() {
        publish(1, 30, true);
        store.down(true);

        resume("AAPL", 5);
        storeAnswers();
        publish(31, 31, false);

        assertThat(recovered()).contains("\"complete\":false");
        assertThat(client.seqsOf("AAPL")).containsExactly(30L, 31L);
        assertThat(client.ofType("error")).isEmpty();
    }

    @Test
    void aResumeTheRingCoversDoesNotReadTheStore() {
        publish(1, 30, true);

        resume("AAPL", 25);

        assertThat(storeReads.runAll()).isZero();
        assertThat(recovered()).contains("\"complete\":true");
        assertThat(client.seqsOf("AAPL")).containsExactly(26L, 27L, 28L, 29L, 30L);
    }

    @Test
    void anUnsubscribeWhileTheStoreIsReadCancelsTheSubscription() {
        publish(1, 30, true);
        resume("AAPL", 5);

        session.handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of()));
        hub.drain();
        storeAnswers();
        publish(31, 31, true);

        assertThat(client.ofType("subscription").getLast()).contains("\"status\":\"unsubscribed\"").contains("\"accepted\":[\"AAPL\"]");
        assertThat(client.seqsOf("AAPL")).isEmpty();
        assertThat(client.connection().symbols()).isEmpty();
    }

    @Test
    void aSymbolAwaitingTheStoreIsListedAndCountsTowardTheSubscriptionLimit() {
        publish(1, 30, true);
        resume("AAPL", 5);

        session.handle(new ClientMessage.ListSubscriptions());
        session.handle(new ClientMessage.Subscribe(List.of("MSFT", "NVDA"), List.of(), true, Map.of(), null));
        hub.drain();

        assertThat(client.ofType("subscriptions").getFirst()).contains("\"quotes\":[\"AAPL\"]");
        assertThat(client.ofType("subscription").getLast()).contains("\"accepted\":[\"MSFT\"]")
                .contains("{\"symbol\":\"NVDA\",\"reason\":\"too_many_subscriptions\",\"channel\":\"quotes\"}");
    }
}
