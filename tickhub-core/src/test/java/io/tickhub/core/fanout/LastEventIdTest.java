package io.tickhub.core.fanout;

import static io.tickhub.core.fanout.ClientMessage.Subscribe.POSITION_UNKNOWN;
import static io.tickhub.core.testing.QuoteFixtures.HUB_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.book.Book;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.StoreBatch;
import io.tickhub.core.testing.ManualExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSE resume: one symbol's seq places the client in every symbol's stream by hub time, from the
 * book's ring where it reaches back and from the store where it does not.
 */
class LastEventIdTest {

    private static final StreamEpoch EPOCH = new StreamEpoch("00000000000000e1");

    /** The ring keeps 4 updates per symbol; the store keeps every one applied. */
    private final Book book = new Book(4);
    private final MemoryStore store = new MemoryStore();
    private final ManualExecutor storeReads = new ManualExecutor();
    private final StoredResume stored = new StoredResume(book, store, storeReads, 100);
    private long micros;

    /** Accepts a quote in hub order: each one microsecond after the previous, as the sequencer stamps them. */
    private void accept(String symbol, long seq) {
        Quote quote = new Quote(symbol, 100, null, null, 1, "test", HUB_TIME, HUB_TIME.plusNanos(++micros * 1000), seq);
        book.apply(quote);
        store.write(StoreBatch.ofQuotes(List.of(quote)));
    }

    private Map<String, Long> points(LastEventId id, StoredResume from, List<String> symbols) {
        CompletableFuture<Map<String, Long>> points = id.resumePoints(book, from, EPOCH, symbols);
        storeReads.runAll();
        return points.join();
    }

    @Test
    void parsesSymbolColonSeqAtEpochNormalisingTheSymbol() {
        assertThat(LastEventId.parse("aapl:42@00000000000000e1")).contains(new LastEventId("AAPL", 42, "00000000000000e1"));
        assertThat(LastEventId.parse("BRK.B:7@00000000000000e1")).contains(new LastEventId("BRK.B", 7, "00000000000000e1"));
        assertThat(LastEventId.parse("EUR:USD:7@00000000000000e1")).contains(new LastEventId("EUR:USD", 7, "00000000000000e1"));
        assertThat(new LastEventId("AAPL", 42, "00000000000000e1")).hasToString("AAPL:42@00000000000000e1");
    }

    @Test
    void anIdWithoutAnEpochIsAcceptedAsBeforeAndTakenToBeOfThisEpoch() {
        LastEventId old = LastEventId.parse("aapl:42").orElseThrow();

        assertThat(old).isEqualTo(new LastEventId("AAPL", 42, null));
        assertThat(old.isOf(EPOCH)).isTrue();
        assertThat(LastEventId.parse("AAPL:42@00000000000000e0").orElseThrow().isOf(EPOCH)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AAPL", "AAPL:", ":5", "AAPL:x", "AAPL:-1", "bad sym:3", "AAPL:5@", "AAPL:5@xyz",
            "AAPL:5@00000000000000E1", "AAPL@00000000000000e1", "@00000000000000e1"})
    void anythingElseIsIgnored(String id) {
        assertThat(LastEventId.parse(id)).isEmpty();
    }

    @Test
    void everySymbolResumesAfterWhatItHadAcceptedWhenTheNamedUpdateWasWithoutReadingTheStore() {
        accept("AAPL", 1);
        accept("MSFT", 1);
        accept("AAPL", 2); // the client's last event
        accept("MSFT", 2);
        accept("TSLA", 1);

        Map<String, Long> points = new LastEventId("AAPL", 2, EPOCH.id()).resumePoints(book, stored, EPOCH,
                List.of("AAPL", "MSFT", "TSLA", "NVDA")).getNow(null);

        assertThat(points).containsExactly(Map.entry("AAPL", 2L), Map.entry("MSFT", 1L), Map.entry("TSLA", 0L),
                Map.entry("NVDA", 0L));
        assertThat(storeReads.pending()).isZero();
    }

    @Test
    void whenTheNamedUpdateIsOlderThanTheRingEverySymbolIsPlacedFromTheStore() {
        for (long seq = 1; seq <= 20; seq++) {
            accept("AAPL", seq);
            accept("MSFT", seq);
            if (seq % 2 == 0) {
                accept("TSLA", seq / 2);
            }
        }
        // AAPL 5 came after MSFT 4 and TSLA 2, before MSFT 5; the ring holds only seqs 17..20 (TSLA 7..10).

        assertThat(points(new LastEventId("AAPL", 5, EPOCH.id()), stored, List.of("MSFT", "AAPL", "TSLA")))
                .containsExactly(Map.entry("MSFT", 4L), Map.entry("AAPL", 5L), Map.entry("TSLA", 2L));
    }

    @Test
    void aSymbolTheRingStillCoversIsPlacedFromTheRingAndTheRestFromTheStore() {
        for (long seq = 1; seq <= 10; seq++) {
            accept("AAPL", seq);
        }
        accept("MSFT", 1); // the client's last event: still in the ring
        for (long seq = 11; seq <= 15; seq++) {
            accept("AAPL", seq); // AAPL's ring now holds 12..15: its 10 is in the store only
        }
        accept("MSFT", 2);

        assertThat(points(new LastEventId("MSFT", 1, null), stored, List.of("MSFT", "AAPL")))
                .containsExactly(Map.entry("MSFT", 1L), Map.entry("AAPL", 10L));
    }

    @Test
    void anIdOfAnotherEpochPlacesNoOtherSymbolAndReadsNothing() {
        accept("AAPL", 1);
        accept("MSFT", 1);

        assertThat(points(new LastEventId("AAPL", 1, "00000000000000e0"), stored, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 1L), Map.entry("MSFT", POSITION_UNKNOWN));
        assertThat(storeReads.executed()).isZero();
    }

    @Test
    void whenNeitherTheRingNorTheStoreHasTheNamedUpdateTheOthersAreUnknownNotReplayedFromTheStart() {
        for (long seq = 1; seq <= 10; seq++) {
            accept("MSFT", seq);
        }

        assertThat(points(new LastEventId("AAPL", 9, null), stored, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 9L), Map.entry("MSFT", POSITION_UNKNOWN));
    }

    @Test
    void withoutAStoreWhatTheRingCannotPlaceIsUnknown() {
        for (long seq = 1; seq <= 10; seq++) {
            accept("AAPL", seq);
            accept("MSFT", seq);
        }

        assertThat(points(new LastEventId("AAPL", 2, null), StoredResume.NONE, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 2L), Map.entry("MSFT", POSITION_UNKNOWN));
    }

    @Test
    void aStoreThatFailsLeavesThePositionsUnknown() {
        for (long seq = 1; seq <= 10; seq++) {
            accept("AAPL", seq);
            accept("MSFT", seq);
        }
        store.down(true);

        assertThat(points(new LastEventId("AAPL", 2, null), stored, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 2L), Map.entry("MSFT", POSITION_UNKNOWN));
    }

    @Test
    void aPositionFurtherBackThanAResumeCouldBeServedIsUnknown() {
        StoredResume shortReach = new StoredResume(book, store, storeReads, 3);
        for (long seq = 1; seq <= 20; seq++) {
            accept("AAPL", seq);
            accept("MSFT", seq);
        }
        // MSFT 2 is 18 updates before the ring's 17: past a reach of 3, so it is not looked for.

        assertThat(points(new LastEventId("AAPL", 2, null), shortReach, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 2L), Map.entry("MSFT", POSITION_UNKNOWN));
        assertThat(points(new LastEventId("AAPL", 14, null), shortReach, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 14L), Map.entry("MSFT", 13L));
    }
}
