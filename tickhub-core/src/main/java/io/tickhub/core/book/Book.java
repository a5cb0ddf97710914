package io.tickhub.core.book;

import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.market.TradingDay;
import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latest quote and recent history of every symbol. One writer per symbol ({@link #apply} is
 * called for a given symbol by one thread at a time: the bus delivery thread that owns it);
 * any number of concurrent readers, none of them blocking the writer.
 *
 * <p>The book does not assign seqs: the ingest sequencer does, so that every node of a cluster
 * shows the same seq for the same update. The book only refuses to go backwards, which makes
 * redelivery (a bus replay after a restart) harmless.
 */
public final class Book {

    /** Default per-symbol history size, system E's {@code MAX_HISTORY_SIZE}. */
    public static final int DEFAULT_HISTORY_SIZE = 1000;

    private final int historySize;
    private final ExchangeCalendar calendar;
    private final ConcurrentHashMap<String, SymbolHistory> bySymbol = new ConcurrentHashMap<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder gaps = new LongAdder();

    public Book(int historySize) {
        this(historySize, ExchangeCalendar.NYSE);
    }

    /** @param calendar places each quote in a trading day, for the previous close and the day's range */
    public Book(int historySize, ExchangeCalendar calendar) {
        this.calendar = calendar;
        if (historySize < 1) {
            throw new IllegalArgumentException("history size must be >= 1, was " + historySize);
        }
        this.historySize = historySize;
    }

    /** Writer of {@code quote.symbol()} only. */
    public ApplyResult apply(Quote quote) {
        SymbolHistory history = bySymbol.get(quote.symbol());
        if (history == null) {
            bySymbol.put(quote.symbol(), new SymbolHistory(quote, historySize, calendar));
            applied.increment();
            return ApplyResult.APPLIED;
        }
        long latestSeq = history.latest().seq();
        if (quote.seq() <= latestSeq) {
            duplicates.increment();
            return ApplyResult.DUPLICATE;
        }
        history.append(quote);
        if (history.retired) { // retired as this quote came: the quote keeps the symbol (see retire)
            history.retired = false;
            bySymbol.putIfAbsent(quote.symbol(), history);
        }
        applied.increment();
        if (quote.seq() != latestSeq + 1) {
            gaps.increment();
            return ApplyResult.APPLIED_AFTER_GAP;
        }
        return ApplyResult.APPLIED;
    }

    public Optional<Quote> latest(String symbol) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? Optional.empty() : Optional.of(history.latest());
    }

    /** The first quote this book holds for {@code symbol} (its initial price and creation time). */
    public Optional<Quote> first(String symbol) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? Optional.empty() : Optional.of(history.first());
    }

    /** First and latest quote of {@code symbol} and its trading day, from one lookup; empty when unknown. */
    public Optional<FirstAndLatest> firstAndLatest(String symbol) {
        SymbolHistory history = bySymbol.get(symbol);
        if (history == null) {
            return Optional.empty();
        }
        Quote latest = history.latest(); // before the day: the day is never older than this quote
        return Optional.of(new FirstAndLatest(history.first(), latest, history.tradingDay()));
    }

    /** The symbol's current trading day: previous close, open, high, low, volume. */
    public Optional<TradingDay> tradingDay(String symbol) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? Optional.empty() : Optional.of(history.tradingDay());
    }

    /**
     * The price a change of {@code symbol} is measured from: the previous session's close, or while the hub
     * has not seen one, the first price it accepted; {@code fallback} for an unknown symbol.
     */
    public double reference(String symbol, double fallback) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? fallback : history.tradingDay().reference(history.first().price());
    }

    /**
     * Gives {@code symbol} the previous close {@code price} read from the store, when the quotes the book
     * holds do not reach back to the previous session. At start-up, before the symbol's writer runs.
     */
    public void restorePreviousClose(String symbol, double price) {
        SymbolHistory history = bySymbol.get(symbol);
        if (history != null) {
            history.restorePreviousClose(price);
        }
    }

    public ExchangeCalendar calendar() {
        return calendar;
    }

    /** Up to {@code limit} most recent quotes of {@code symbol}, oldest first; empty when unknown. */
    public List<Quote> history(String symbol, int limit) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? List.of() : history.recent(limit);
    }

    /** The quote of {@code symbol} with seq {@code seq}, while the ring holds it. */
    public Optional<Quote> at(String symbol, long seq) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? Optional.empty() : Optional.ofNullable(history.at(seq));
    }

    /** Quotes after {@code afterSeq} still held, for resume; {@code empty} when the symbol is unknown. */
    public Optional<Replay> since(String symbol, long afterSeq) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? Optional.empty() : Optional.of(history.since(afterSeq));
    }

    /**
     * The last seq of {@code symbol} the hub had accepted by hub time {@code hubMicros} (0 for a
     * symbol it has never seen); empty when the history no longer reaches back that far. Hub times
     * are unique and increasing across symbols, so this places a point of one symbol's stream in
     * every other's.
     */
    public OptionalLong seqAtOrBefore(String symbol, long hubMicros) {
        SymbolHistory history = bySymbol.get(symbol);
        return history == null ? OptionalLong.of(0) : history.seqAtOrBefore(hubMicros);
    }

    /**
     * Drops {@code symbol} from the book if its latest seq is still {@code latestSeq}: a symbol no
     * source feeds any more is no longer listed or served as live (its history stays in the store).
     * Any thread, alongside the symbol's writer: a quote appended while this runs keeps the symbol,
     * put back either here (the re-check sees its seq) or by the writer (it sees {@code retired}).
     *
     * @return whether the symbol was dropped
     */
    public boolean retire(String symbol, long latestSeq) {
        SymbolHistory history = bySymbol.get(symbol);
        if (history == null || history.latest().seq() != latestSeq || !bySymbol.remove(symbol, history)) {
            return false;
        }
        history.retired = true;
        if (history.latest().seq() != latestSeq) {
            bySymbol.putIfAbsent(symbol, history);
            return false;
        }
        return true;
    }

    public boolean contains(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    /** Every symbol with at least one quote, sorted. */
    public Set<String> symbols() {
        return new TreeSet<>(bySymbol.keySet());
    }

    public int size() {
        return bySymbol.size();
    }

    public int historySize() {
        return historySize;
    }

    public long appliedCount() {
        return applied.sum();
    }

    public long duplicateCount() {
        return duplicates.sum();
    }

    public long gapCount() {
        return gaps.sum();
    }
}
