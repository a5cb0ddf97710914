package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Quote;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resume: replay from the book's ring when it still holds the gap, else say so and snapshot. */
class ResumeTest {

    /** The book keeps the last 8 updates per symbol. */
    private final Hub hub = new Hub(8, Hub.SMALL);
    private final Client client = hub.connect();

    @Test
    void resumeWithinRetentionSaysCompleteThenReplaysExactlyTheMissingSeqsThenGoesLive() {
        hub.publish("AAPL", 1, 10); // the ring holds 3..10

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 6L);
        hub.drain();
        hub.publish("AAPL", 11, 12);
        hub.drain();

        List<String> messages = client.messages();
        assertThat(messages.getFirst())
                .isEqualTo("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":7,\"to\":10,\"complete\":true,\"epoch\":\"00000000000000e1\"}");
        assertThat(client.seqsOf("AAPL")).containsExactly(7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(client.updatesOf("AAPL")).noneMatch(Frames::isSnapshot);
        assertThat(messages).hasSize(7);
    }

    @Test
    void resumeFromTheOldestSeqStillHeldIsComplete() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 2L);
        hub.drain();

        assertThat(Frames.raw(client.messages().getFirst(), "complete")).isEqualTo("true");
        assertThat(client.seqsOf("AAPL")).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void resumeFromTheOldestSeqHeldStaysCompleteWhenTheRingMovesOnBeforeTheWriterRuns() {
        hub.publish("AAPL", 1, 10); // the ring holds 3..10: a resume after 2 is served

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 2L);
        hub.publish("AAPL", 11, 12); // before the writer reaches the marker: the ring holds 5..12 now
        hub.drain();

        assertThat(Frames.raw(client.messages().getFirst(), "complete")).isEqualTo("true");
        assertThat(client.seqsOf("AAPL")).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void aBatchTakesNoMoreThanItsBudgetFromTheRingAndLeavesTheRestToTheWriter() {
        hub.publish("AAPL", 1, 10);
        hub.publish("MSFT", 1, 10);

        SubscribeBatch batch = hub.fanOut.batch(client.connection(), 6);
        batch.subscribe("AAPL", true, 5L, List.of()); // 6..10: within the budget, taken now
        batch.subscribe("MSFT", true, 5L, List.of()); // 6..10: past what is left of it, the writer's
        batch.commit();
        hub.publish("AAPL", 11, 14); // the ring (8) now holds 7..14 of each
        hub.publish("MSFT", 11, 14);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
        assertThat(client.ofType("recovered")).anySatisfy(m -> assertThat(m).contains("\"symbol\":\"MSFT\"")
                .contains("\"complete\":false"));
    }

    @Test
    void resumeSaysIncompleteWhenTheRingMovesOnByAWholeRingBeforeTheWriterRuns() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 2L); // 3..10 taken as the subscribe is made
        hub.publish("AAPL", 11, 19); // 11 is gone from the ring before the writer could join it
        hub.drain();

        assertThat(Frames.raw(client.messages().getFirst(), "complete")).isEqualTo("false");
        assertThat(Frames.isSnapshot(client.messages().get(1))).isTrue();
    }

    @Test
    void resumeOlderThanRetentionSaysIncompleteThenSendsASnapshot() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 1L); // 2 is gone
        hub.drain();
        hub.publish("AAPL", 11, 11);
        hub.drain();

        List<String> messages = client.messages();
        assertThat(messages.getFirst())
                .isEqualTo("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":2,\"to\":10,\"complete\":false,\"epoch\":\"00000000000000e1\"}");
        assertThat(Frames.isSnapshot(messages.get(1))).isTrue();
        assertThat(client.seqsOf("AAPL")).containsExactly(10L, 11L);
        assertThat(messages).hasSize(3);
    }

    @Test
    void resumeBeyondTheLatestSeqSaysIncompleteThenSendsASnapshot() {
        hub.publish("AAPL", 1, 10);

        // The client holds seq 40 of a history this hub never had (its seqs restarted, say).
        hub.fanOut.subscribe(client.connection(), "AAPL", true, 40L);
        hub.drain();

        List<String> messages = client.messages();
        assertThat(Frames.type(messages.getFirst())).isEqualTo("recovered");
        assertThat(Frames.raw(messages.getFirst(), "complete")).isEqualTo("false");
        assertThat(Frames.isSnapshot(messages.get(1))).isTrue();
        assertThat(client.seqsOf("AAPL")).containsExactly(10L);
    }

    @Test
    void resumeAtTheLatestSeqSaysCompleteAndReplaysNothing() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 10L);
        hub.drain();
        assertThat(client.messages()).singleElement().satisfies(m -> {
            assertThat(Frames.type(m)).isEqualTo("recovered");
            assertThat(Frames.raw(m, "complete")).isEqualTo("true");
            assertThat(Frames.longField(m, "to")).isEqualTo(10);
        });

        hub.publish("AAPL", 11, 11);
        hub.drain();
        assertThat(client.seqsOf("AAPL")).containsExactly(11L);
    }

    @Test
    void resumeAtTheLatestNeverResendsItWhenItsDeltaIsFannedOutAfterTheResume() {
        hub.publish("AAPL", 1, 9);
        Quote tenth = quote("AAPL", 10);
        hub.book.apply(tenth);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 10L); // the client already has 10
        hub.fanOut.onQuote(tenth); // the bus thread reaches the fan-out with 10 only now
        hub.fanOut.onBatchEnd();
        hub.drain();

        assertThat(client.seqsOf("AAPL")).as("10 is not sent again").isEmpty();
        assertThat(client.ofType("recovered")).hasSize(1);
    }

    @Test
    void replayedDeltaThatWasAlsoFannedOutIsSentOnce() {
        hub.publish("AAPL", 1, 9);
        Quote tenth = quote("AAPL", 10);
        hub.book.apply(tenth);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 8L);
        hub.fanOut.onQuote(tenth);
        hub.fanOut.onBatchEnd();
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(9L, 10L);
    }

    @Test
    void resumeOfAnUnknownSymbolSaysIncompleteAndSendsNothingElseUntilItTrades() {
        hub.fanOut.subscribe(client.connection(), "NEWCO", true, 5L);
        hub.drain();

        assertThat(client.messages()).containsExactly(
                "{\"type\":\"recovered\",\"symbol\":\"NEWCO\",\"from\":6,\"to\":5,\"complete\":false,\"epoch\":\"00000000000000e1\"}");

        hub.publish("NEWCO", 1, 1);
        hub.drain();
        assertThat(client.seqsOf("NEWCO")).containsExactly(1L);
    }

    @Test
    void resumeAcrossAGapInTheBookIsIncomplete() {
        hub.publish("AAPL", 1, 5);
        hub.publish(quote("AAPL", 7)); // 6 never reached this node

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 5L);
        hub.drain();

        assertThat(Frames.raw(client.messages().getFirst(), "complete")).isEqualTo("false");
        assertThat(client.seqsOf("AAPL")).containsExactly(7L);
        assertThat(Frames.isSnapshot(client.updatesOf("AAPL").getFirst())).isTrue();
    }

    @Test
    void resumeTakesPrecedenceOverSnapshotFalse() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", false, 8L);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(9L, 10L);
    }

    @Test
    void resumeAtTheLargestSeqSaysIncompleteFromThatSeqWithoutOverflowingThenSnapshots() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, Long.MAX_VALUE);
        hub.drain();
        hub.publish("AAPL", 11, 11);
        hub.drain();

        List<String> messages = client.messages();
        assertThat(messages.getFirst()).isEqualTo("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":"
                + Long.MAX_VALUE + ",\"to\":10,\"complete\":false,\"epoch\":\"00000000000000e1\"}");
        assertThat(Frames.isSnapshot(messages.get(1))).isTrue();
        assertThat(client.seqsOf("AAPL")).containsExactly(10L, 11L);
    }

    @Test
    void resumeAtTheLargestSeqOfAnotherEpochDoesNotOverflowEither() {
        hub.publish("AAPL", 1, 10);

        hub.fanOut.subscribeUnrecoverable(client.connection(), "AAPL", Long.MAX_VALUE);
        hub.drain();

        assertThat(Frames.longField(client.messages().getFirst(), "from")).isEqualTo(Long.MAX_VALUE);
    }
}
