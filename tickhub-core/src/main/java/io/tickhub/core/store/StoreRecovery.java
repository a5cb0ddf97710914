package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.quote.Quote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Picks up where the stored hub left off, before ingest starts: each symbol's seq continues from
 * its last stored one (clients never see a seq reused), hub time from the newest stored one (it
 * stays increasing even if the clock stepped back), the book holds the latest history again
 * (so REST, snapshots and resume work at once), and the aggregator continues the stored bars.
 */
public final class StoreRecovery {

    /**
     * What was restored, for the start-up log.
     *
     * @param bookMillis how long the book's histories took to read
     * @param millis     how long the whole restore took (book, bars and the refold)
     */
    public record Restored(int symbols, int quotes, int bars, long refolded, long bookMillis, long millis) {
    }

    /** How far the book's restore has come: {@code symbols} of {@code of}, {@code quotes} read so far. */
    public record Progress(int symbols, int of, int quotes) {
    }

    /** A restore still running reports its progress this often. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    /** Ticks read per store call while folding the stored tail into the bars again. */
    static final int REFOLD_PAGE = 10_000;
    /** How far back from a symbol's newest tick bars are rebuilt at most: a daily bar, DST days included. */
    static final Duration REFOLD_REACH = Duration.ofHours(25);

    private StoreRecovery() {
    }

    public static Restored restore(Store store, Sequencer sequencer, Book book, BarAggregator aggregator) {
        return restore(store, sequencer, book, aggregator, progress -> { });
    }

    /**
     * Reads at most the book's history size of each symbol (the newest, from the end of its stored
     * ticks), then the bars.
     *
     * @param progress told every {@link #PROGRESS_EVERY} while the book is being filled (elapsed
     *                 time of the process, not hub time: it reports how long the start-up takes)
     */
    public static Restored restore(Store store, Sequencer sequencer, Book book, BarAggregator aggregator,
                                   Consumer<Progress> progress) {
        long began = System.nanoTime();
        long nextReport = began + PROGRESS_EVERY.toNanos();
        Map<String, Long> lastSeqs = store.lastSeqs();
        int quotes = 0;
        int done = 0;
        for (Map.Entry<String, Long> symbol : lastSeqs.entrySet()) {
            sequencer.resumeAfter(symbol.getKey(), symbol.getValue());
            List<Quote> history = store.newest(symbol.getKey(), book.historySize());
            history.forEach(book::apply);
            if (!history.isEmpty()) {
                sequencer.continueHubTimeAfter(history.getLast().hubTime());
            }
            quotes += history.size();
            done++;
            if (System.nanoTime() - nextReport >= 0) {
                progress.accept(new Progress(done, lastSeqs.size(), quotes));
                nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        for (String symbol : lastSeqs.keySet()) {
            restorePreviousClose(store, book, symbol);
        }
        long bookMillis = (System.nanoTime() - began) / 1_000_000;
        int bars = 0;
        long refolded = 0;
        for (String symbol : lastSeqs.keySet()) {
            List<Bar> restored = restoreBars(store, aggregator, symbol);
            bars += restored.size();
            // Bars stored before they carried their last seq (0) may hold any of the ticks: folding
            // them in again could count a tick twice, so such a symbol continues as it was.
            if (restored.stream().noneMatch(b -> b.lastSeq() == 0)) {
                refolded += refold(store, aggregator, symbol);
            }
        }
        return new Restored(lastSeqs.size(), quotes, bars, refolded, bookMillis, (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Folds into the bars the ticks stored after their last checkpoint (all of them, after a
     * {@code kill -9}, since the journal keeps every tick while the bars in the store lag by up to a
     * checkpoint interval): after recovery a bar counts every tick of its span.
     */
    static long refold(Store store, BarAggregator aggregator, String symbol) {
        List<Quote> newest = store.newest(symbol, 1);
        if (newest.isEmpty()) {
            return 0;
        }
        Instant reach = newest.getFirst().hubTime().minus(REFOLD_REACH);
        long after = Math.max(aggregator.refoldAfter(symbol), store.lastSeqAtOrBefore(symbol, reach, 0).orElse(0));
        long refolded = 0;
        for (List<Quote> page; !(page = store.seqRange(symbol, after, Long.MAX_VALUE, REFOLD_PAGE)).isEmpty(); ) {
            page.forEach(aggregator::refold);
            refolded += page.size();
            after = page.getLast().seq();
        }
        return refolded;
    }

    /**
     * The aggregator continues each symbol's newest stored bars (as many per interval as it may
     * still close or revise, {@link BarAggregator#restorable}); how many there were. Each knows the
     * last seq folded into it: ticks above {@link BarAggregator#refoldAfter} that the store has but
     * the bars may not (stored after the last checkpoint) are folded in again with
     * {@link BarAggregator#refold}, which skips every bar that holds them already.
     */
    public static int restoreBars(Store store, BarAggregator aggregator) {
        int restored = 0;
        for (String symbol : store.lastSeqs().keySet()) {
            restored += restoreBars(store, aggregator, symbol).size();
        }
        return restored;
    }

    private static List<Bar> restoreBars(Store store, BarAggregator aggregator, String symbol) {
        List<Bar> restored = new ArrayList<>();
        for (BarInterval interval : BarInterval.values()) {
            List<Bar> bars = store.newestBars(symbol, interval, aggregator.restorable(interval));
            bars.forEach(aggregator::restore);
            restored.addAll(bars);
        }
        return restored;
    }

    /**
     * When the quotes restored into the book do not reach back to the previous trading session, its
     * close is read from the store: the last price stored at or before that session's regular close
     * (or before an earlier one, when the hub was down that day). Two keyed reads per such symbol.
     */
    static void restorePreviousClose(Store store, Book book, String symbol) {
        book.tradingDay(symbol).filter(day -> !day.hasPreviousClose()).ifPresent(day -> {
            Instant close = book.calendar().regularClose(book.calendar().previousTradingDay(day.day()));
            store.lastSeqAtOrBefore(symbol, close, 0).ifPresent(seq ->
                    store.seqRange(symbol, seq - 1, seq + 1, 1).stream().findFirst()
                            .ifPresent(q -> book.restorePreviousClose(symbol, q.price())));
        });
    }
}
