package io.tickhub.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.QuoteFixtures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketHistoryTest {

    private static final Instant EVER = Instant.EPOCH;
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

    private final MemoryStore store = new MemoryStore();
    private final Book book = new Book(10);
    private final BarAggregator aggregator = new BarAggregator(ZoneOffset.UTC, BarSettings.DEFAULTS,
            new ManualClock());
    private final MarketHistory history = new MarketHistory(book, store, aggregator);

    /** Quotes 1..accepted reach the book; 1..stored the store, as when the writer trails. */
    private void accepted(int accepted, int stored) {
        List<Quote> written = new ArrayList<>();
        for (int seq = 1; seq <= accepted; seq++) {
            Quote q = QuoteFixtures.quote("AAPL", seq);
            book.apply(q);
            if (seq <= stored) {
                written.add(q);
            }
        }
        store.write(StoreBatch.ofQuotes(written));
    }

    private List<Long> seqs(List<Quote> quotes) {
        return quotes.stream().map(Quote::seq).toList();
    }

    @Test
    void pagesContinueFromMemoryWhereTheStoreEndsWithoutRepeatsOrGaps() {
        accepted(25, 20);
        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            MarketHistory.Page<Quote> page = history.quotes("AAPL", EVER, NEVER, after, 7);
            seen.addAll(seqs(page.items()));
            if (page.next() == null) {
                break;
            }
            after = page.next().seq();
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void whenTheStoreTrailsBeyondTheBookThePageEndsWhereTheStoreDoes() {
        accepted(40, 5); // the book holds 31..40; 6..30 are neither stored nor held

        MarketHistory.Page<Quote> page = history.quotes("AAPL", EVER, NEVER, 0, 100);

        assertThat(seqs(page.items())).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(page.next()).isNull();
    }

    @Test
    void aFullPageNamesItsLastRowForTheNextOne() {
        accepted(10, 10);

        MarketHistory.Page<Quote> page = history.quotes("AAPL", EVER, NEVER, 2, 3);

        assertThat(seqs(page.items())).containsExactly(3L, 4L, 5L);
        assertThat(page.next().seq()).isEqualTo(5);
    }

    @Test
    void newestQuotesReachPastTheBookIntoTheStore() {
        List<Quote> written = new ArrayList<>();
        for (int seq = 1; seq <= 30; seq++) {
            Quote q = QuoteFixtures.quote("AAPL", seq);
            written.add(q);
            book.apply(q);
        }
        store.write(StoreBatch.ofQuotes(written.subList(0, 28)));

        assertThat(seqs(history.newestQuotes("AAPL", 25))).hasSize(25).startsWith(6L).endsWith(30L);
        assertThat(seqs(history.newestQuotes("AAPL", 3))).containsExactly(28L, 29L, 30L);
        assertThat(history.newestQuotes("ZZZ", 3)).isEmpty();
    }

    @Test
    void theCurrentBarComesLastReplacingItsCheckpointAndTheCursorNamesOnlyStoredBars() {
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        List<Bar> closed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            closed.add(new Bar("AAPL", BarInterval.M1, start.plusSeconds(60L * i), 1, 2, 1, 2, 10, 1, true));
        }
        Bar checkpoint = new Bar("AAPL", BarInterval.M1, start.plusSeconds(180), 5, 5, 5, 5, 1, 1, false);
        List<Bar> all = new ArrayList<>(closed);
        all.add(checkpoint);
        store.write(new StoreBatch(List.of(), all, List.of(), List.of(), List.of()));
        aggregator.onQuote(new Quote("AAPL", 5, null, null, 1, "t", start.plusSeconds(180), start.plusSeconds(180), 1));
        aggregator.onQuote(new Quote("AAPL", 6, null, null, 1, "t", start.plusSeconds(190), start.plusSeconds(190), 2));
        Bar live = aggregator.current("AAPL", BarInterval.M1).orElseThrow();

        MarketHistory.Page<Bar> page = history.bars("AAPL", BarInterval.M1, EVER, NEVER, null, 10);
        assertThat(page.items()).containsExactly(closed.get(0), closed.get(1), closed.get(2), live);
        assertThat(page.next()).isNull();

        MarketHistory.Page<Bar> first = history.bars("AAPL", BarInterval.M1, EVER, NEVER, null, 3);
        assertThat(first.items()).containsExactlyElementsOf(closed);
        assertThat(first.next()).isEqualTo(closed.get(2));
        assertThat(history.bars("AAPL", BarInterval.M1, EVER, NEVER, first.next().start(), 3).items())
                .containsExactly(live);
        assertThat(history.newestBars("AAPL", BarInterval.M1, 2)).containsExactly(closed.get(2), live);
    }
}
