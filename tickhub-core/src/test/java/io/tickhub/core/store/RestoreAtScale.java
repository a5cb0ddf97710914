package io.tickhub.core.store;

import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.journal.JournalTickStore;
import io.tickhub.core.journal.TickJournal;
import io.tickhub.core.quote.Quote;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Seeds a tick journal with {@code symbols} × {@code points} ticks, opens it again as a restarted hub
 * does and restores the book and bars from it; prints {@code restored <symbols> <quotes> <ms>}. Run in
 * a JVM of its own by {@link RestoreAtScaleTest}, so the heap is the one the hub gets.
 */
public final class RestoreAtScale {

    private RestoreAtScale() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int symbols = Integer.parseInt(args[1]);
        int points = Integer.parseInt(args[2]);
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        try (TickJournal journal = TickJournal.open(dir)) {
            long hubMicros = 0;
            for (int p = 1; p <= points; p++) {
                for (int s = 0; s < symbols; s++) {
                    Instant hubTime = start.plusNanos(1_000 * hubMicros++);
                    journal.append(new Quote(String.format("ITEM_%03d", s), 100 + p % 50 * 0.01, null, null, 0,
                            "simulator", hubTime, hubTime, p, null));
                }
            }
        }
        Clock clock = Clock.fixed(start.plusSeconds(3_600), ZoneOffset.UTC);
        try (TickJournal journal = TickJournal.open(dir)) {
            Book book = new Book(points);
            BarAggregator bars = new BarAggregator(ZoneOffset.UTC, BarSettings.DEFAULTS, clock);
            Sequencer sequencer = new Sequencer(clock, new InProcessBus(), IngestMetrics.NONE);
            StoreRecovery.Restored restored = StoreRecovery.restore(new JournalTickStore(journal, new MemoryStore()),
                    sequencer, book, bars, p -> System.out.println("progress " + p));
            System.out.println("restored " + restored.symbols() + " " + restored.quotes() + " " + restored.millis()
                    + " " + restored.bookMillis() + " " + restored.refolded());
        }
    }
}
