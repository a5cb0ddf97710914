package io.tickhub.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.QuoteFixtures;
import io.tickhub.core.testing.RecordingListener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRecoveryTest {

    private final MemoryStore store = new MemoryStore();
    private final ManualClock clock = ManualClock.at("2025-01-02T14:30:30Z");
    private final InProcessBus bus = new InProcessBus();
    private final Sequencer sequencer = new Sequencer(clock, bus, IngestMetrics.NONE);
    private final Book book = new Book(5);
    private final BarAggregator aggregator = new BarAggregator(ZoneOffset.UTC, BarSettings.DEFAULTS, clock);

    private void stored(String symbol, int count) {
        List<Quote> quotes = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            quotes.add(QuoteFixtures.quote(symbol, seq));
        }
        store.write(StoreBatch.ofQuotes(quotes));
    }

    @Test
    void numberingContinuesAfterTheLastStoredSeq() {
        stored("AAPL", 12);
        RecordingListener published = new RecordingListener();
        bus.subscribe(published);

        StoreRecovery.restore(store, sequencer, book, aggregator);
        sequencer.accept(RawQuote.lastPrice("AAPL", 101, "test", clock.instant()));
        sequencer.accept(RawQuote.lastPrice("MSFT", 50, "test", clock.instant()));

        assertThat(published.seqsOf("AAPL")).containsExactly(13L);
        assertThat(published.seqsOf("MSFT")).containsExactly(1L);
    }

    @Test
    void theBookHoldsTheNewestStoredHistoryAgain() {
        stored("AAPL", 12);

        StoreRecovery.Restored restored = StoreRecovery.restore(store, sequencer, book, aggregator);

        assertThat(book.latest("AAPL")).contains(QuoteFixtures.quote("AAPL", 12));
        assertThat(book.history("AAPL", 10)).extracting(Quote::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(restored).extracting(StoreRecovery.Restored::symbols, StoreRecovery.Restored::quotes,
                StoreRecovery.Restored::bars, StoreRecovery.Restored::refolded).containsExactly(1, 5, 0, 12L);
    }

    @Test
    void anOpenStoredBarIsContinuedByTheNextQuoteOfItsInterval() {
        stored("AAPL", 1);
        Instant minute = Instant.parse("2025-01-02T14:30:00Z");
        Bar checkpointed = new Bar("AAPL", BarInterval.M1, minute, 100, 105, 99, 104, 30, 3, false);
        store.write(new StoreBatch(List.of(), List.of(checkpointed), List.of(), List.of(), List.of()));
        StoreRecovery.restore(store, sequencer, book, aggregator);

        aggregator.onQuote(new Quote("AAPL", 98, null, null, 5, "test", minute.plusSeconds(40),
                minute.plusSeconds(40), 2));

        assertThat(aggregator.current("AAPL", BarInterval.M1)).contains(
                new Bar("AAPL", BarInterval.M1, minute, 100, 105, 98, 98, 35, 4, false, 2, false));
    }

    @Test
    void ticksStoredAfterTheLastBarCheckpointAreFoldedInAgainOnce() {
        Instant minute = Instant.parse("2025-01-02T14:30:00Z");
        List<Quote> ticks = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            ticks.add(new Quote("AAPL", 100 + seq, null, null, 1, "test", minute.plusSeconds(seq), minute.plusSeconds(seq), seq));
        }
        store.write(StoreBatch.ofQuotes(ticks));
        // The last checkpoint before a kill -9 held ticks 1..4; the journal (the store) has all ten.
        Bar checkpointed = new Bar("AAPL", BarInterval.M1, minute, 101, 104, 101, 104, 4, 4, false, 4, false);
        store.write(new StoreBatch(List.of(), List.of(checkpointed), List.of(), List.of(), List.of()));

        StoreRecovery.Restored restored = StoreRecovery.restore(store, sequencer, book, aggregator);

        assertThat(aggregator.current("AAPL", BarInterval.M1)).hasValueSatisfying(bar -> {
            assertThat(bar.count()).isEqualTo(10);
            assertThat(bar.volume()).isEqualTo(10);
            assertThat(bar.open()).isEqualTo(101);
            assertThat(bar.close()).isEqualTo(110);
            assertThat(bar.high()).isEqualTo(110);
        });
        // Intervals with no checkpoint are rebuilt from the first tick; 1m skips what it held.
        assertThat(aggregator.current("AAPL", BarInterval.H1)).hasValueSatisfying(bar -> assertThat(bar.count()).isEqualTo(10));
        assertThat(restored.refolded()).isEqualTo(10);
    }

    @Test
    void aRestoredOpenBarWhoseEndHasPassedIsClosedAndStoredAsClosed() {
        stored("AAPL", 1);
        Instant minute = Instant.parse("2025-01-02T14:28:00Z");
        store.write(new StoreBatch(List.of(), List.of(new Bar("AAPL", BarInterval.M1, minute, 1, 2, 1, 2, 3, 2, false)),
                List.of(), List.of(), List.of()));
        List<Bar> heard = new ArrayList<>();
        aggregator.subscribe(heard::add);
        StoreRecovery.restore(store, sequencer, book, aggregator);

        aggregator.closeDue(clock.instant());

        assertThat(heard).singleElement().satisfies(bar -> {
            assertThat(bar.closed()).isTrue();
            assertThat(bar.start()).isEqualTo(minute);
        });
        assertThat(aggregator.openBars()).isEmpty();
    }
}
