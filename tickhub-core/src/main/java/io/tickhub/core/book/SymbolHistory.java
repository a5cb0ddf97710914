package io.tickhub.core.book;

import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.market.TradingDay;
import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The latest quote and a bounded ring of recent quotes of one symbol.
 * Single writer ({@link #append}), any number of concurrent lock-free readers.
 *
 * <p>The ring ({@link QuoteRing}) holds a quote in the slot of its seq; a reader that wants seq
 * {@code s} gets it, or nothing when the writer has lapped the slot (then {@code s} is gone). The
 * ring's write happens before the volatile {@code latest} write, so every seq up to
 * {@code latest.seq()} is visible to whoever reads {@code latest}. The trading day is written
 * before {@code latest} too, so it is never older than the latest quote read.
 */
final class SymbolHistory {

    private final QuoteRing ring;
    private final int capacity;
    private final Quote first;
    private final ExchangeCalendar calendar;
    private volatile Quote latest;
    private volatile TradingDay tradingDay;
    /** Set by {@link Book#retire} once it removed this history; the writer puts back one it appended to. */
    volatile boolean retired;

    SymbolHistory(Quote first, int capacity, ExchangeCalendar calendar) {
        this.capacity = capacity;
        this.calendar = calendar;
        this.tradingDay = TradingDay.first(calendar, first.providerTime(), first.price(), first.volume());
        this.ring = new QuoteRing(first.symbol(), capacity, first.seq());
        this.first = first;
        ring.put(first);
        this.latest = first;
    }

    /** Writer only. The caller has checked that {@code quote.seq()} is above the latest one. */
    void append(Quote quote) {
        ring.put(quote);
        tradingDay = tradingDay.with(calendar, quote.providerTime(), quote.price(), quote.volume());
        latest = quote;
    }

    TradingDay tradingDay() {
        return tradingDay;
    }

    /** Writer only (or before any writer starts): a previous close read from the store. */
    void restorePreviousClose(double price) {
        tradingDay = tradingDay.withPreviousClose(price);
    }

    Quote latest() {
        return latest;
    }

    /** The first quote this book accepted for the symbol; its price is the symbol's initial price. */
    Quote first() {
        return first;
    }

    /** Up to {@code limit} most recent quotes, oldest first, without gaps in what is returned. */
    List<Quote> recent(int limit) {
        Quote last = latest;
        long to = last.seq();
        long from = Math.max(oldestPossible(to), to - Math.max(0, limit) + 1);
        return readRange(from, to);
    }

    /**
     * Quotes with seq greater than {@code afterSeq}, oldest first, up to the latest.
     * {@link Replay#complete()} is false when some of them are no longer held.
     */
    Replay since(long afterSeq) {
        Quote last = latest;
        long to = last.seq();
        if (afterSeq >= to) {
            return new Replay(List.of(), true, to);
        }
        long wantedFrom = afterSeq + 1;
        List<Quote> held = readRange(Math.max(wantedFrom, oldestPossible(to)), to);
        boolean complete = !held.isEmpty() && held.getFirst().seq() == wantedFrom;
        return new Replay(held, complete, to);
    }

    /**
     * The seq of the newest held quote the hub accepted at or before {@code hubMicros};
     * 0 when every quote is later and the ring still reaches back to seq 1; empty when the ring no
     * longer reaches back that far, or the first quote held is not seq 1 (what came before is unknown).
     */
    OptionalLong seqAtOrBefore(long hubMicros) {
        long to = latest.seq();
        List<Quote> held = readRange(oldestPossible(to), to);
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).hubTimeMicros() <= hubMicros) {
                return OptionalLong.of(held.get(i).seq());
            }
        }
        // Before the symbol's seq 1 it had nothing. A first quote with a later seq (a book reloaded
        // from the store, a node that joined late) says nothing of what came before it.
        if (!held.isEmpty() && held.getFirst().seq() == first.seq() && first.seq() == 1) {
            return OptionalLong.of(0);
        }
        return OptionalLong.empty();
    }

    /** The quote of seq {@code seq} while the ring still holds it, else null. */
    Quote at(long seq) {
        return seq >= first.seq() && seq <= latest.seq() ? ring.get(seq) : null;
    }

    private long oldestPossible(long to) {
        return Math.max(first.seq(), to - capacity + 1);
    }

    /**
     * Reads seqs {@code from..to}. A slot the writer lapped or never wrote (a gap upstream) breaks
     * the run: what is returned is the newest contiguous run ending at {@code to}.
     */
    private List<Quote> readRange(long from, long to) {
        if (from > to) {
            return List.of();
        }
        ArrayList<Quote> out = new ArrayList<>((int) (to - from + 1));
        for (long seq = to; seq >= from; seq--) {
            Quote q = ring.get(seq);
            if (q == null) {
                break;
            }
            out.add(q);
        }
        return out.reversed();
    }
}
