package io.tickhub.core.book;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BookTest {

    private final Book book = new Book(5);

    @Test
    void seqAtOrBeforeFindsTheLastSeqAcceptedByAHubTime() {
        LongStream.rangeClosed(1, 3).forEach(seq -> book.apply(quote("AAPL", seq)));
        long second = quote("AAPL", 2).hubTimeMicros();

        assertThat(book.seqAtOrBefore("AAPL", second)).hasValue(2);
        assertThat(book.seqAtOrBefore("AAPL", second + 1_000_000)).hasValue(3);
        assertThat(book.seqAtOrBefore("AAPL", second - 1_000_000)).as("before the first: nothing yet").hasValue(0);
        assertThat(book.seqAtOrBefore("MSFT", second)).as("unknown symbol").hasValue(0);
    }

    @Test
    void seqAtOrBeforeIsUnknownOnceTheRingNoLongerReachesBackThatFar() {
        LongStream.rangeClosed(1, 8).forEach(seq -> book.apply(quote("AAPL", seq)));

        assertThat(book.seqAtOrBefore("AAPL", quote("AAPL", 2).hubTimeMicros())).isEmpty();
        assertThat(book.seqAtOrBefore("AAPL", quote("AAPL", 6).hubTimeMicros())).hasValue(6);
    }

    @Test
    void seqAtOrBeforeABookReloadedFromTheStoreIsUnknownBeforeItsFirstQuote() {
        LongStream.rangeClosed(41, 43).forEach(seq -> book.apply(quote("AAPL", seq))); // 1..40 are in the store only

        assertThat(book.seqAtOrBefore("AAPL", quote("AAPL", 41).hubTimeMicros() - 1)).as("not 40: 1..40 came before").isEmpty();
        assertThat(book.seqAtOrBefore("AAPL", quote("AAPL", 42).hubTimeMicros())).hasValue(42);
    }

    @Test
    void firstQuoteOfASymbolIsApplied() {
        Quote first = quote("AAPL", 1);

        assertThat(book.apply(first)).isEqualTo(ApplyResult.APPLIED);

        assertThat(book.latest("AAPL")).contains(first);
        assertThat(book.contains("AAPL")).isTrue();
        assertThat(book.appliedCount()).isEqualTo(1);
    }

    @Test
    void nextSeqIsAppliedAndBecomesLatest() {
        book.apply(quote("AAPL", 1));
        Quote second = quote("AAPL", 2);

        assertThat(book.apply(second)).isEqualTo(ApplyResult.APPLIED);

        assertThat(book.latest("AAPL")).contains(second);
        assertThat(book.appliedCount()).isEqualTo(2);
        assertThat(book.duplicateCount()).isZero();
        assertThat(book.gapCount()).isZero();
    }

    @Test
    void seqNotAboveLatestIsADuplicateAndChangesNothing() {
        book.apply(quote("AAPL", 1));
        Quote latest = quote("AAPL", 2);
        book.apply(latest);

        assertThat(book.apply(quote("AAPL", 2, 999.0))).isEqualTo(ApplyResult.DUPLICATE);
        assertThat(book.apply(quote("AAPL", 1, 999.0))).isEqualTo(ApplyResult.DUPLICATE);

        assertThat(book.latest("AAPL")).contains(latest);
        assertThat(book.history("AAPL", 10)).extracting(Quote::seq).containsExactly(1L, 2L);
        assertThat(book.duplicateCount()).isEqualTo(2);
        assertThat(book.appliedCount()).isEqualTo(2);
    }

    @Test
    void skippedSeqIsAppliedAfterGapAndCounted() {
        book.apply(quote("AAPL", 1));
        Quote afterGap = quote("AAPL", 4);

        assertThat(book.apply(afterGap)).isEqualTo(ApplyResult.APPLIED_AFTER_GAP);

        assertThat(book.latest("AAPL")).contains(afterGap);
        assertThat(book.gapCount()).isEqualTo(1);
        assertThat(book.appliedCount()).isEqualTo(2);
        assertThat(book.apply(quote("AAPL", 5))).isEqualTo(ApplyResult.APPLIED);
        assertThat(book.gapCount()).isEqualTo(1);
    }

    @Test
    void historyAfterAGapHoldsOnlyTheContiguousRunEndingAtLatest() {
        book.apply(quote("AAPL", 1));
        book.apply(quote("AAPL", 2));
        book.apply(quote("AAPL", 4));

        assertThat(book.history("AAPL", 10)).extracting(Quote::seq).containsExactly(4L);
    }

    @Test
    void symbolsAreIndependent() {
        book.apply(quote("AAPL", 1));
        book.apply(quote("AAPL", 2));

        assertThat(book.apply(quote("MSFT", 1))).isEqualTo(ApplyResult.APPLIED);

        assertThat(book.latest("AAPL")).map(Quote::seq).contains(2L);
        assertThat(book.latest("MSFT")).map(Quote::seq).contains(1L);
        assertThat(book.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(book.size()).isEqualTo(2);
    }

    @Test
    void symbolsAreListedSorted() {
        for (String symbol : List.of("MSFT", "AAPL", "^GSPC", "BRK.B")) {
            book.apply(quote(symbol, 1));
        }

        assertThat(book.symbols()).containsExactly("AAPL", "BRK.B", "MSFT", "^GSPC");
    }

    @Test
    void ringKeepsOnlyTheLastHistorySizeQuotesOldestFirst() {
        applySeqs("AAPL", 1, 12);

        assertThat(book.history("AAPL", 100)).extracting(Quote::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(book.historySize()).isEqualTo(5);
    }

    @Test
    void historyLimitReturnsTheMostRecentOldestFirst() {
        applySeqs("AAPL", 1, 4);

        assertThat(book.history("AAPL", 2)).extracting(Quote::seq).containsExactly(3L, 4L);
        assertThat(book.history("AAPL", 4)).extracting(Quote::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(book.history("AAPL", 1)).extracting(Quote::seq).containsExactly(4L);
    }

    @Test
    void historyWithNonPositiveLimitIsEmpty() {
        applySeqs("AAPL", 1, 3);

        assertThat(book.history("AAPL", 0)).isEmpty();
        assertThat(book.history("AAPL", -1)).isEmpty();
    }

    @Test
    void unknownSymbolHasNoLatestFirstHistoryOrReplay() {
        book.apply(quote("AAPL", 1));

        assertThat(book.latest("MSFT")).isEmpty();
        assertThat(book.first("MSFT")).isEmpty();
        assertThat(book.history("MSFT", 10)).isEmpty();
        assertThat(book.since("MSFT", 0)).isEmpty();
        assertThat(book.contains("MSFT")).isFalse();
    }

    @Test
    void firstIsTheFirstAcceptedQuoteAndStartsHistoryWhileBelowCapacity() {
        Quote first = quote("AAPL", 1, 228.50);
        book.apply(first);
        book.apply(quote("AAPL", 2, 229.00));
        book.apply(quote("AAPL", 3, 227.75));

        assertThat(book.first("AAPL")).contains(first);
        assertThat(book.history("AAPL", 100).getFirst().price()).isEqualTo(228.50);
    }

    @Test
    void firstKeepsTheInitialPriceAfterTheRingHasLappedIt() {
        Quote first = quote("AAPL", 1, 228.50);
        book.apply(first);
        applySeqs("AAPL", 2, 20);

        assertThat(book.first("AAPL")).contains(first);
        assertThat(book.history("AAPL", 100).getFirst().seq()).isEqualTo(16);
    }

    @Test
    void firstAndLatestComeFromOneLookup() {
        Quote first = quote("AAPL", 1, 228.50);
        book.apply(first);
        applySeqs("AAPL", 2, 20);

        FirstAndLatest ends = book.firstAndLatest("AAPL").orElseThrow();

        assertThat(ends.first()).isSameAs(first);
        assertThat(ends.latest().seq()).isEqualTo(20);
        assertThat(book.firstAndLatest("MSFT")).isEmpty();
    }

    @Test
    void sinceReturnsEverythingAfterTheSeqAsCompleteWhileHeld() {
        applySeqs("AAPL", 1, 5);

        Replay replay = book.since("AAPL", 2).orElseThrow();

        assertThat(replay.quotes()).extracting(Quote::seq).containsExactly(3L, 4L, 5L);
        assertThat(replay.complete()).isTrue();
        assertThat(replay.latestSeq()).isEqualTo(5);
    }

    @Test
    void sinceZeroReplaysFromTheFirstSeqWhenNothingWasLapped() {
        applySeqs("AAPL", 1, 3);

        Replay replay = book.since("AAPL", 0).orElseThrow();

        assertThat(replay.quotes()).extracting(Quote::seq).containsExactly(1L, 2L, 3L);
        assertThat(replay.complete()).isTrue();
    }

    @Test
    void sinceALappedSeqIsIncompleteAndReturnsWhatIsStillHeld() {
        applySeqs("AAPL", 1, 12);

        Replay replay = book.since("AAPL", 3).orElseThrow();

        assertThat(replay.complete()).isFalse();
        assertThat(replay.quotes()).extracting(Quote::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(replay.latestSeq()).isEqualTo(12);
    }

    @Test
    void sinceTheSeqJustBeforeTheOldestHeldIsStillComplete() {
        applySeqs("AAPL", 1, 12);

        Replay replay = book.since("AAPL", 7).orElseThrow();

        assertThat(replay.complete()).isTrue();
        assertThat(replay.quotes()).extracting(Quote::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void sinceLatestOrLaterIsEmptyAndComplete() {
        applySeqs("AAPL", 1, 4);

        for (long afterSeq : new long[] {4, 5, 1_000}) {
            Replay replay = book.since("AAPL", afterSeq).orElseThrow();
            assertThat(replay.quotes()).as("since(%d)", afterSeq).isEmpty();
            assertThat(replay.complete()).as("since(%d)", afterSeq).isTrue();
            assertThat(replay.latestSeq()).isEqualTo(4);
        }
    }

    @Test
    void sinceASeqLostInAGapIsIncomplete() {
        book.apply(quote("AAPL", 1));
        book.apply(quote("AAPL", 2));
        book.apply(quote("AAPL", 5));

        Replay replay = book.since("AAPL", 2).orElseThrow();

        assertThat(replay.complete()).isFalse();
        assertThat(replay.quotes()).extracting(Quote::seq).containsExactly(5L);
    }

    @Test
    void sinceBeforeAResumedFirstSeqIsIncomplete() {
        book.apply(quote("AAPL", 100));
        book.apply(quote("AAPL", 101));

        assertThat(book.since("AAPL", 0).orElseThrow().complete()).isFalse();
        Replay fromResume = book.since("AAPL", 99).orElseThrow();
        assertThat(fromResume.complete()).isTrue();
        assertThat(fromResume.quotes()).extracting(Quote::seq).containsExactly(100L, 101L);
    }

    @Test
    void historyOfOneHoldsOnlyTheLatest() {
        Book tiny = new Book(1);
        tiny.apply(quote("AAPL", 1));
        tiny.apply(quote("AAPL", 2));

        assertThat(tiny.history("AAPL", 10)).extracting(Quote::seq).containsExactly(2L);
        assertThat(tiny.since("AAPL", 1).orElseThrow().complete()).isTrue();
        assertThat(tiny.since("AAPL", 0).orElseThrow().complete()).isFalse();
    }

    @Test
    void historySizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new Book(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history size");
    }

    private void applySeqs(String symbol, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(seq -> assertThat(book.apply(quote(symbol, seq)))
                .isNotEqualTo(ApplyResult.DUPLICATE));
    }
}
