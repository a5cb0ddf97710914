package io.tickhub.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolFreshnessTest {

    private final ManualClock clock = new ManualClock();
    private final Book book = new Book(10);
    private final FeedBoard feeds = new FeedBoard(new FailoverPolicy(List.of("yfinance", "simulator"), Map.of(), 3),
            clock, s -> { });
    private final SymbolFreshness freshness = new SymbolFreshness(book, feeds, clock, Duration.ofMinutes(5),
            Duration.ofHours(24));

    private void quote(String symbol, long seq) {
        book.apply(new Quote(symbol, 100 + seq, null, null, 0, "simulator", clock.instant(), clock.instant(), seq, null));
    }

    @Test
    void aSymbolNoSourceFeedsTurnsStaleAfterStaleAfter() {
        quote("ITEM_07", 1);
        quote("AAPL", 1);
        clock.advance(Duration.ofMinutes(4));
        quote("AAPL", 2);

        assertThat(freshness.stale("ITEM_07")).isFalse();
        clock.advance(Duration.ofMinutes(1));

        assertThat(freshness.stale("ITEM_07")).isTrue();
        assertThat(freshness.stale("AAPL")).isFalse();
        assertThat(freshness.staleSymbols()).containsExactly("ITEM_07");
    }

    @Test
    void aQuoteMakesAStaleSymbolFreshAgain() {
        quote("ITEM_07", 1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(freshness.stale("ITEM_07")).isTrue();

        quote("ITEM_07", 2);

        assertThat(freshness.stale("ITEM_07")).isFalse();
    }

    @Test
    void aSymbolJobsFeedIsJudgedByItsFeedsIntervalNotBySilence() {
        feeds.expect("MSFT", "yfinance", Duration.ofHours(1));
        feeds.heard("MSFT", "yfinance");
        feeds.check();
        quote("MSFT", 1);
        clock.advance(Duration.ofMinutes(30)); // silent 30 min, but polled hourly

        assertThat(freshness.stale("MSFT")).isFalse();
        assertThat(freshness.staleSymbols()).isEmpty();
    }

    @Test
    void aSilentSymbolIsRetiredAfterRetireAfterAndNoLongerListed() {
        quote("ITEM_07", 1);
        quote("AAPL", 1);
        clock.advance(Duration.ofHours(23));
        quote("AAPL", 2);
        assertThat(freshness.retireSilent()).isEmpty();

        clock.advance(Duration.ofHours(1));

        assertThat(freshness.retireSilent()).containsExactly("ITEM_07");
        assertThat(book.symbols()).containsExactly("AAPL");
        assertThat(book.latest("ITEM_07")).isEmpty();
        assertThat(freshness.staleSymbols()).doesNotContain("ITEM_07");
    }

    @Test
    void aSymbolAJobStillFeedsIsNeverRetired() {
        feeds.expect("MSFT", "yfinance", Duration.ofMinutes(1));
        quote("MSFT", 1);
        clock.advance(Duration.ofDays(2));
        feeds.check();

        assertThat(freshness.retireSilent()).isEmpty();
        assertThat(freshness.stale("MSFT")).isTrue();
        assertThat(book.contains("MSFT")).isTrue();
    }

    @Test
    void aRetiredSymbolComesBackWithItsNextQuote() {
        quote("ITEM_07", 1);
        clock.advance(Duration.ofDays(1));
        freshness.retireSilent();

        quote("ITEM_07", 2);

        assertThat(book.latest("ITEM_07")).map(Quote::seq).contains(2L);
        assertThat(freshness.stale("ITEM_07")).isFalse();
    }

    @Test
    void retireLeavesASymbolWhoseLatestSeqMovedOn() {
        quote("ITEM_07", 1);
        quote("ITEM_07", 2);

        assertThat(book.retire("ITEM_07", 1)).isFalse();
        assertThat(book.contains("ITEM_07")).isTrue();
    }

    @Test
    void aQuoteAppendedWhileTheSymbolIsRetiredIsNeverLost() throws InterruptedException {
        // The writer and the retiring timer race on one symbol: whatever the interleaving, the
        // writer's quote is the symbol's latest in the book afterwards.
        for (int round = 0; round < 2_000; round++) {
            Book racing = new Book(4);
            racing.apply(new Quote("X", 1, null, null, 0, "simulator", clock.instant(), clock.instant(), 1, null));
            Thread writer = new Thread(() -> racing.apply(
                    new Quote("X", 2, null, null, 0, "simulator", clock.instant(), clock.instant(), 2, null)));
            writer.start();
            boolean retired = racing.retire("X", 1);
            writer.join();
            assertThat(racing.latest("X")).as("round %d, retired %s", round, retired).map(Quote::seq).contains(2L);
        }
    }

    @Test
    void retireAfterShorterThanStaleAfterIsRefused() {
        assertThatThrownBy(() -> new SymbolFreshness(book, feeds, clock, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retire-after");
    }
}
