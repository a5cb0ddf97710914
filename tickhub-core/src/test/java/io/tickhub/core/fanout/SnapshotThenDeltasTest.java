package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.QuoteFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Delivery rule 1 and 2: snapshot then deltas, per symbol in seq order, no duplicates. */
class SnapshotThenDeltasTest {

    private final Hub hub = new Hub();

    @Test
    void subscribeWithSnapshotStartsWithTheBooksLatestThenDeltasInSeqOrder() {
        hub.publish("AAPL", 1, 3);
        Client client = hub.connect();

        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain();
        hub.publish("AAPL", 4, 6);
        hub.drain();

        List<String> updates = client.updatesOf("AAPL");
        assertThat(updates).hasSize(4);
        assertThat(Frames.isSnapshot(updates.getFirst())).isTrue();
        assertThat(Frames.seq(updates.getFirst())).isEqualTo(3);
        assertThat(updates.subList(1, 4)).noneMatch(Frames::isSnapshot);
        assertThat(client.seqsOf("AAPL")).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void snapshotCarriesTheChangeFromTheFirstPriceTheBookHolds() {
        hub.publish(quote("AAPL", 1, 100.0));
        hub.publish(quote("AAPL", 2, 110.0));
        Client client = hub.connect();

        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain();

        String snapshot = client.messages().getFirst();
        assertThat(Frames.raw(snapshot, "price")).isEqualTo("110.0");
        assertThat(Frames.raw(snapshot, "change")).isEqualTo("10.0");
        assertThat(Frames.raw(snapshot, "changePercent")).isEqualTo("10.0");
        assertThat(Frames.raw(snapshot, "ts")).isEqualTo(String.valueOf(quote("AAPL", 2).hubTimeMicros()));
    }

    @Test
    void deltaBookAppliedBeforeSubscribeButFannedOutAfterIsSentOnceAsTheSnapshot() {
        hub.publish("AAPL", 1, 2);
        Client client = hub.connect();
        Quote third = quote("AAPL", 3);

        hub.book.apply(third); // the bus thread is between book.apply and fanOut.onQuote ...
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null); // ... when the client subscribes
        hub.fanOut.onQuote(third);
        hub.fanOut.onBatchEnd();
        hub.drain();

        assertThat(client.messages()).hasSize(1);
        assertThat(client.seqsOf("AAPL")).containsExactly(3L);
        assertThat(Frames.isSnapshot(client.messages().getFirst())).isTrue();
    }

    @Test
    void deltaFannedOutAfterTheSnapshotWasWrittenIsNotSentAgain() {
        hub.publish("AAPL", 1, 2);
        Client client = hub.connect();
        Quote third = quote("AAPL", 3);

        hub.book.apply(third);
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain(); // the writer reads the book: seq 3 goes out as the snapshot
        hub.fanOut.onQuote(third); // the bus thread gets to the fan-out only now
        hub.fanOut.onBatchEnd();
        hub.drain();
        hub.publish("AAPL", 4, 4);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(3L, 4L);
        assertThat(client.updatesOf("AAPL")).filteredOn(Frames::isSnapshot).hasSize(1);
    }

    @Test
    void deltaAppliedAfterSubscribeButBeforeTheWriterRunsIsFoldedIntoTheSnapshot() {
        hub.publish("AAPL", 1, 2);
        Client client = hub.connect();

        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.publish("AAPL", 3, 4); // queued behind the snapshot marker
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(4L);
        assertThat(Frames.isSnapshot(client.messages().getFirst())).isTrue();
    }

    /**
     * Every place the subscribe can fall among the bus thread's steps (apply to the book, offer to
     * the fan-out) for seqs 2..4, with the writer running after every step or only at the end, with
     * and without a quote in the book beforehand.
     */
    static Stream<Arguments> interleavings() {
        List<Arguments> out = new ArrayList<>();
        for (boolean bookHadSeq1 : new boolean[] {true, false}) {
            for (boolean drainEachStep : new boolean[] {true, false}) {
                for (int subscribeAt = 0; subscribeAt <= 6; subscribeAt++) {
                    out.add(Arguments.of(bookHadSeq1, drainEachStep, subscribeAt));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "book had seq 1: {0}, drain each step: {1}, subscribe at step {2}")
    @MethodSource("interleavings")
    void snapshotPrecedesEveryDeltaAndNoSeqIsSentTwiceWhereverTheSubscribeFalls(boolean bookHadSeq1,
                                                                                boolean drainEachStep,
                                                                                int subscribeAt) {
        if (bookHadSeq1) {
            hub.publish("AAPL", 1, 1);
        }
        Client client = hub.connect();
        List<Runnable> steps = new ArrayList<>();
        for (long seq = bookHadSeq1 ? 2 : 1; seq <= 4; seq++) {
            Quote q = quote("AAPL", seq);
            steps.add(() -> hub.book.apply(q));
            steps.add(() -> {
                hub.fanOut.onQuote(q);
                hub.fanOut.onBatchEnd();
            });
        }
        steps.add(Math.min(subscribeAt, steps.size()),
                () -> hub.fanOut.subscribe(client.connection(), "AAPL", true, null));
        long latestAtSubscribe = -1;
        for (Runnable step : steps) {
            step.run();
            if (latestAtSubscribe < 0 && client.connection().symbols().contains("AAPL")) {
                latestAtSubscribe = hub.book.latest("AAPL").map(Quote::seq).orElse(0L);
            }
            if (drainEachStep) {
                hub.drain();
            }
        }
        hub.drain();

        List<String> updates = client.updatesOf("AAPL");
        List<Long> seqs = client.seqsOf("AAPL");
        assertThat(seqs).as("strictly increasing, no duplicates").isSorted().doesNotHaveDuplicates();
        assertThat(seqs).as("ends at the latest").endsWith(4L);
        long first = seqs.getFirst();
        assertThat(seqs).as("contiguous after the first").containsExactlyElementsOf(
                LongStream.rangeClosed(first, 4).boxed().toList());
        assertThat(updates.subList(1, updates.size())).as("only the first can be a snapshot")
                .noneMatch(Frames::isSnapshot);
        if (latestAtSubscribe > 0) {
            assertThat(Frames.isSnapshot(updates.getFirst())).as("the book had a value: a snapshot comes first")
                    .isTrue();
            assertThat(first).as("never older than what the book held at subscribe").isGreaterThanOrEqualTo(
                    latestAtSubscribe);
        }
    }

    @Test
    void unknownSymbolGetsNoSnapshotAndLaterDeltasFlow() {
        Client client = hub.connect();

        hub.fanOut.subscribe(client.connection(), "NEWCO", true, null);
        hub.drain();
        assertThat(client.messages()).isEmpty();

        hub.publish("NEWCO", 1, 3);
        hub.drain();

        assertThat(client.seqsOf("NEWCO")).containsExactly(1L, 2L, 3L);
        assertThat(client.updatesOf("NEWCO")).noneMatch(Frames::isSnapshot);
    }

    @Test
    void subscribeWithoutSnapshotGetsOnlyDeltas() {
        hub.publish("AAPL", 1, 5);
        Client client = hub.connect();

        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.drain();
        assertThat(client.messages()).isEmpty();

        hub.publish("AAPL", 6, 7);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(6L, 7L);
        assertThat(client.updatesOf("AAPL")).noneMatch(Frames::isSnapshot);
    }

    @Test
    void updatesOfOtherSymbolsAreNotSent() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish("MSFT", 1, 3);
        hub.publish("AAPL", 1, 1);
        hub.drain();

        assertThat(client.messages()).hasSize(1);
        assertThat(client.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    void subscribingTwiceChangesNothingAndSendsNoSecondSnapshot() {
        hub.publish("AAPL", 1, 1);
        Client client = hub.connect();

        assertThat(hub.fanOut.subscribe(client.connection(), "AAPL", true, null)).isTrue();
        assertThat(hub.fanOut.subscribe(client.connection(), "AAPL", true, null)).isFalse();
        hub.drain();
        hub.publish("AAPL", 2, 2);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 2L);
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
    }

    @Test
    void priceUpdateKeepsSystemDsFieldsWhereItsClientsLook() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish(quote("AAPL", 1, 187.5));
        hub.drain();

        String update = client.messages().getFirst();
        assertThat(update).startsWith("{\"type\":\"price_update\",\"symbol\":\"AAPL\",\"seq\":1,\"ts\":");
        assertThat(Frames.raw(update, "price")).isEqualTo("187.5");
        assertThat(Frames.raw(update, "volume")).isEqualTo("100.0");
        assertThat(Frames.raw(update, "timestamp"))
                .isEqualTo(String.valueOf(QuoteFixtures.PROVIDER_TIME.toEpochMilli()));
        assertThat(Frames.string(update, "provider")).isEqualTo("test");
        assertThat(Frames.raw(update, "snapshot")).isNull();
        assertThat(Frames.raw(update, "conflated")).isNull();
    }
}
