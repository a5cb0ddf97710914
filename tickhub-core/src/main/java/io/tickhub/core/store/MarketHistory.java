package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A symbol's history as the API serves it: the store for everything written, the book and the
 * bar aggregator for what the store writer has not written yet (it trails by milliseconds, more
 * while the database is down). Pages never skip or repeat a row: a page continues from memory
 * only where memory joins the store without a hole, and a cursor never points past a row that
 * is not stored. Calls block on the database; callers keep them off event loops.
 */
public final class MarketHistory {

    /**
     * One page.
     *
     * @param items the rows, in key order
     * @param next  the last row whose key the next page continues after, or null when there is no next page
     */
    public record Page<T>(List<T> items, T next) {
    }

    private final Book book;
    private final Store store;
    private final BarAggregator aggregator;

    public MarketHistory(Book book, Store store, BarAggregator aggregator) {
        this.book = book;
        this.store = store;
        this.aggregator = aggregator;
    }

    /** Price points with hub time in {@code [from, to)} and seq after {@code afterSeq}, in seq order. */
    public Page<Quote> quotes(String symbol, Instant from, Instant to, long afterSeq, int limit) {
        long stored = store.lastSeq(symbol); // read first: rows written after it come from memory, once
        List<Quote> page = new ArrayList<>(store.history(symbol, from, to, afterSeq, limit + 1).stream()
                .filter(q -> q.seq() <= stored).toList());
        if (page.size() <= limit) {
            for (Quote q : heldAfter(symbol, Math.max(afterSeq, stored))) {
                if (page.size() > limit) {
                    break;
                }
                if (!q.hubTime().isBefore(from) && q.hubTime().isBefore(to)) {
                    page.add(q);
                }
            }
        }
        return page.size() > limit ? new Page<>(page.subList(0, limit), page.get(limit - 1)) : new Page<>(page, null);
    }

    /** The newest {@code count} price points, oldest first. */
    public List<Quote> newestQuotes(String symbol, int count) {
        List<Quote> held = book.history(symbol, count);
        if (held.size() >= count) {
            return held;
        }
        long stored = store.lastSeq(symbol);
        if (held.isEmpty() && stored == 0) {
            return held;
        }
        List<Quote> all = new ArrayList<>(store.newest(symbol, count).stream().filter(q -> q.seq() <= stored).toList());
        all.addAll(heldAfter(symbol, stored));
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** The book's quotes after {@code seq}, only if they continue from it without a hole. */
    private List<Quote> heldAfter(String symbol, long seq) {
        List<Quote> held = book.history(symbol, book.historySize()).stream().filter(q -> q.seq() > seq).toList();
        return held.isEmpty() || held.getFirst().seq() == seq + 1 ? held : List.of();
    }

    /**
     * Bars starting in {@code [from, to)} after {@code afterStart}, oldest first. The symbol's
     * live bars, from memory (every open one and the newest), replace their stored checkpoints or
     * join them in start order when in range.
     */
    public Page<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to, Instant afterStart, int limit) {
        List<Bar> stored = store.bars(symbol, interval, from, to, afterStart, limit + 1);
        if (stored.size() > limit) {
            return new Page<>(stored.subList(0, limit), stored.get(limit - 1));
        }
        List<Bar> live = aggregator.live(symbol, interval).stream()
                .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to))
                .filter(b -> afterStart == null || b.start().isAfter(afterStart))
                .toList();
        List<Bar> items = withLive(stored, live);
        // Over the limit only by live bars: the cursor names the page's last bar (by its start).
        return items.size() > limit ? new Page<>(items.subList(0, limit), items.get(limit - 1)) : new Page<>(items, null);
    }

    /** The newest {@code count} bars, oldest first, the live ones from memory. */
    public List<Bar> newestBars(String symbol, BarInterval interval, int count) {
        List<Bar> live = aggregator.live(symbol, interval);
        List<Bar> bars = withLive(store.newestBars(symbol, interval, count), live);
        return bars.subList(Math.max(0, bars.size() - count), bars.size());
    }

    /**
     * Stored bars with the live ones in their place: a live bar replaces the stored one of its
     * start (a checkpoint, or a close the writer has not stored yet) or joins in start order. A
     * live bar older than every stored one is left out, as it was when only the newest was live.
     */
    private static List<Bar> withLive(List<Bar> stored, List<Bar> live) {
        if (live.isEmpty()) {
            return stored;
        }
        TreeMap<Instant, Bar> byStart = new TreeMap<>();
        stored.forEach(b -> byStart.put(b.start(), b));
        for (Bar b : live) {
            if (stored.isEmpty() || !b.start().isBefore(stored.getFirst().start())) {
                byStart.put(b.start(), b);
            }
        }
        return new ArrayList<>(byStart.values());
    }
}
