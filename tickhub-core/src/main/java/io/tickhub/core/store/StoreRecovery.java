package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.quote.Quote;

import java.util.List;
import java.util.Map;

/**
 * Picks up where the stored hub left off, before ingest starts: each symbol's seq continues from
 * its last stored one (clients never see a seq reused), hub time from the newest stored one (it
 * stays increasing even if the clock stepped back), the book holds the latest history again
 * (so REST, snapshots and resume work at once), and the aggregator continues the stored bars.
 */
public final class StoreRecovery {

    /** What was restored, for the start-up log. */
    public record Restored(int symbols, int quotes, int bars) {
    }

    private StoreRecovery() {
    }

    public static Restored restore(Store store, Sequencer sequencer, Book book, BarAggregator aggregator) {
        Map<String, Long> lastSeqs = store.lastSeqs();
        int quotes = 0;
        for (Map.Entry<String, Long> symbol : lastSeqs.entrySet()) {
            sequencer.resumeAfter(symbol.getKey(), symbol.getValue());
            List<Quote> history = store.newest(symbol.getKey(), book.historySize());
            history.forEach(book::apply);
            if (!history.isEmpty()) {
                sequencer.continueHubTimeAfter(history.getLast().hubTime());
            }
            quotes += history.size();
        }
        return new Restored(lastSeqs.size(), quotes, restoreBars(store, aggregator));
    }

    /** The aggregator continues each symbol's stored bars; how many there were. */
    public static int restoreBars(Store store, BarAggregator aggregator) {
        List<Bar> bars = store.lastBars();
        bars.forEach(aggregator::restore);
        return bars.size();
    }
}
