package io.tickhub.core.analytics;

import io.tickhub.core.analytics.SymbolBars.Slot;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds OHLCV bars of every symbol at every {@link BarInterval} from the quote stream, by event time.
 *
 * <p>A tick lands in the bar of its own provider time (when the market observed the price), so
 * bars line up with the exchange's whatever the delay, and a replay of past data gives the bars of
 * that past. A bar closes when the symbol's event time (the newest provider time folded in) has
 * passed its end plus the allowed lateness, or, while the symbol is quiet (no tick arrived for the
 * allowed lateness of wall-clock time), when {@link #closeDue}'s wall clock has.
 *
 * <p>A tick whose bar has closed is late. By {@link BarSettings#lateTicks()} it either revises the
 * bar (published again, closed, with {@code revised} true; the store keeps the revision) or is
 * refused; it is counted either way. Only the last {@link BarSettings#revisableBars()} closed bars
 * per symbol and interval are held, so a tick older than those is refused even when revising.
 *
 * <p>Open and close follow seq order: a late tick becomes its bar's close. Every bar knows the
 * highest seq folded in ({@link Bar#lastSeq()}); a tick whose bar already holds its seq changes
 * nothing, which is what lets a recovery fold the journal's tail in again ({@link #refold}).
 *
 * <p>Threading: {@link #onQuote} on the bus thread, {@link #closeDue} on a timer; the two share
 * one monitor (uncontended almost always: the timer runs once a second).
 */
public final class BarAggregator implements QuoteListener {

    private static final BarInterval[] INTERVALS = BarInterval.values();

    private final ZoneId dailyZone;
    private final BarSettings settings;
    private final Clock clock;
    private final long latenessMillis;
    /** Copy-on-write: read for every bar change (five per quote), added to rarely. */
    private volatile BarListener[] listeners = new BarListener[0];
    private final BarListener listener = bar -> {
        for (BarListener l : listeners) {
            l.onBar(bar);
        }
    };
    private final Map<String, SymbolBars> symbols = new HashMap<>();
    private long late;
    private long refused;
    private long revisions;
    private long repeats;

    /**
     * @param dailyZone where daily bars start at midnight (the exchange's zone)
     * @param clock     the wall clock that tells when a symbol's last tick arrived (whether it is quiet)
     */
    public BarAggregator(ZoneId dailyZone, BarSettings settings, Clock clock) {
        this.dailyZone = dailyZone;
        this.settings = settings;
        this.clock = clock;
        this.latenessMillis = settings.allowedLateness().toMillis();
    }

    /** Listeners hear every bar change in order, under this aggregator's monitor: they must not block. */
    public synchronized void subscribe(BarListener listener) {
        BarListener[] more = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        more[more.length - 1] = listener;
        listeners = more;
    }

    /**
     * Runs {@code join} with the symbol's current bar while no bar can change: what it registers
     * hears exactly the changes after that bar.
     */
    public synchronized void join(String symbol, BarInterval interval, Consumer<Optional<Bar>> join) {
        join.accept(current(symbol, interval));
    }

    /**
     * As {@link #join}, for several symbols at once: {@code join} gets each one's current bar (in
     * the order given) while no bar can change.
     */
    public synchronized void joinAll(java.util.Collection<String> symbols, BarInterval interval,
                                     Consumer<java.util.Map<String, Optional<Bar>>> join) {
        java.util.Map<String, Optional<Bar>> current = new java.util.LinkedHashMap<>();
        for (String symbol : symbols) {
            current.put(symbol, current(symbol, interval));
        }
        join.accept(current);
    }

    /**
     * Folds a live quote into the bar of its provider time at every interval. A quote whose seq is
     * not above the last one heard for its symbol is a repeat (a Kafka worker reading a batch again)
     * and changes nothing, so counts and volumes are never doubled.
     */
    @Override
    public synchronized void onQuote(Quote quote) {
        SymbolBars bars = symbols.computeIfAbsent(quote.symbol(), s -> new SymbolBars());
        if (quote.seq() <= bars.lastSeq) {
            repeats++;
            return;
        }
        bars.lastSeq = quote.seq();
        bars.lastArrivalMillis = clock.millis();
        fold(bars, quote);
    }

    /**
     * Folds a quote again after a restart: every bar that does not hold its seq yet (its
     * {@link Bar#lastSeq()} is below it) takes it, the others are left as they are. Recovery calls
     * it for each journaled quote with a seq above {@link #refoldAfter} of its symbol, in seq
     * order, before live quotes flow. It does not count as an arrival, so a symbol recovered but
     * silent is quiet and its bars close by the wall clock.
     */
    public synchronized void refold(Quote quote) {
        SymbolBars bars = symbols.computeIfAbsent(quote.symbol(), s -> new SymbolBars());
        bars.lastSeq = Math.max(bars.lastSeq, quote.seq());
        fold(bars, quote);
    }

    /**
     * The seq after which a recovery must {@link #refold} a symbol's quotes: the lowest, over the
     * intervals, of the highest seq held in a bar (0 when some interval holds no bar).
     */
    public synchronized long refoldAfter(String symbol) {
        SymbolBars bars = symbols.get(symbol);
        if (bars == null) {
            return 0;
        }
        long after = Long.MAX_VALUE;
        for (List<Slot> slots : bars.slots) {
            long highest = 0;
            for (Slot slot : slots) {
                highest = Math.max(highest, slot.bar.lastSeq());
            }
            after = Math.min(after, highest);
        }
        return after;
    }

    private void fold(SymbolBars bars, Quote quote) {
        Instant time = quote.providerTime();
        long millis = SymbolBars.millis(time);
        advance(bars, millis);
        boolean wasLate = false;
        boolean wasRefused = false;
        boolean changed = false;
        for (BarInterval interval : INTERVALS) {
            int i = interval.ordinal();
            Slot slot = bars.find(i, millis);
            if (slot != null && slot.bar.lastSeq() >= quote.seq()) {
                continue; // already in this bar (a recovery, or a batch heard again after a restart)
            }
            changed = true;
            if (slot != null && !slot.bar.closed()) {
                slot.bar = slot.bar.plus(quote.price(), quote.volume(), quote.seq());
                listener.onBar(slot.bar);
                continue;
            }
            Instant start = slot != null ? slot.bar.start() : interval.start(time, dailyZone);
            Instant end = slot != null ? slot.end : interval.end(start, dailyZone);
            if (slot == null && SymbolBars.millis(end) > bars.closedThroughMillis) {
                slot = bars.insert(i, Bar.open(quote.symbol(), interval, start, quote.price(), quote.volume(),
                        quote.seq()), end);
                listener.onBar(slot.bar);
                continue;
            }
            wasLate = true; // its bar has closed
            if (settings.lateTicks() == BarSettings.LateTicks.DROP || (slot == null && !bars.mayBegin(i, start))) {
                wasRefused = true;
                continue;
            }
            if (slot == null) {
                slot = bars.insert(i, Bar.open(quote.symbol(), interval, start, quote.price(), quote.volume(),
                        quote.seq()).asClosed(), end);
            } else {
                slot.bar = slot.bar.plus(quote.price(), quote.volume(), quote.seq());
            }
            revisions++;
            listener.onBar(slot.bar.asRevision());
            bars.evictClosed(i, settings.revisableBars());
        }
        late += wasLate ? 1 : 0;
        refused += wasRefused ? 1 : 0;
        repeats += changed ? 0 : 1;
    }

    /** Moves the symbol's event time to {@code millis} if later, closing the bars that leaves behind. */
    private void advance(SymbolBars bars, long millis) {
        if (millis > bars.eventMillis) {
            bars.eventMillis = millis;
            closeThrough(bars, millis < Long.MIN_VALUE + latenessMillis ? Long.MIN_VALUE : millis - latenessMillis);
        }
    }

    /** Closes every held bar of the symbol ending at or before {@code horizon} (epoch ms), in end order per interval. */
    private void closeThrough(SymbolBars bars, long horizon) {
        if (horizon <= bars.closedThroughMillis) {
            return;
        }
        bars.closedThroughMillis = horizon;
        if (horizon < bars.nextEndMillis) {
            return;
        }
        long nextEnd = Long.MAX_VALUE;
        for (int i = 0; i < INTERVALS.length; i++) {
            for (Slot slot : bars.slots[i]) {
                if (slot.bar.closed()) {
                    continue;
                }
                if (slot.endMillis <= horizon) {
                    slot.bar = slot.bar.asClosed();
                    listener.onBar(slot.bar);
                } else if (slot.endMillis < nextEnd) {
                    nextEnd = slot.endMillis;
                }
            }
            bars.evictClosed(i, settings.revisableBars());
        }
        bars.nextEndMillis = nextEnd;
    }

    /**
     * The wall clock's part: closes every bar whose end plus the allowed lateness is at or before
     * {@code now}, of each symbol that is quiet (no quote arrived within the allowed lateness
     * before {@code now}). A symbol that is still ticking closes by its event time only, so a
     * replay of the past or a lagging provider loses no tick to the clock.
     */
    public synchronized void closeDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        long horizon = nowMillis - latenessMillis;
        for (SymbolBars bars : symbols.values()) {
            if (bars.lastArrivalMillis == Long.MIN_VALUE || nowMillis - bars.lastArrivalMillis >= latenessMillis) {
                closeThrough(bars, horizon);
            }
        }
    }

    /** The symbol's current bar at {@code interval}: its newest, open or closed. */
    public synchronized Optional<Bar> current(String symbol, BarInterval interval) {
        SymbolBars bars = symbols.get(symbol);
        return bars == null ? Optional.empty() : Optional.ofNullable(bars.newest(interval.ordinal()));
    }

    /**
     * The symbol's bars at {@code interval} that the store may not have in their latest form yet:
     * every open one and the newest, oldest first.
     */
    public synchronized List<Bar> live(String symbol, BarInterval interval) {
        SymbolBars bars = symbols.get(symbol);
        if (bars == null) {
            return List.of();
        }
        List<Slot> slots = bars.slots[interval.ordinal()];
        List<Bar> result = new ArrayList<>();
        for (int k = 0; k < slots.size(); k++) {
            Bar bar = slots.get(k).bar;
            if (!bar.closed() || k == slots.size() - 1) {
                result.add(bar);
            }
        }
        return result;
    }

    /**
     * Continues from a stored bar after a restart (before any quote): it is held again, open or
     * closed as stored. Bars older than the oldest restored one at an interval are not held, so a
     * late tick for one of them is refused. An open bar whose end has passed is closed like any
     * other: by the symbol's event time, or by {@link #closeDue} while the symbol is quiet.
     */
    public synchronized void restore(Bar bar) {
        SymbolBars bars = symbols.computeIfAbsent(bar.symbol(), s -> new SymbolBars());
        int i = bar.interval().ordinal();
        if (bars.find(i, SymbolBars.millis(bar.start())) != null) {
            return;
        }
        Instant end = bar.interval().end(bar.start(), dailyZone);
        Slot slot = bars.insert(i, bar, end);
        if (bar.closed() && slot.endMillis > bars.closedThroughMillis) {
            bars.closedThroughMillis = slot.endMillis;
        }
        if (bars.revisableFrom[i] == null || bar.start().isBefore(bars.revisableFrom[i])) {
            bars.revisableFrom[i] = bar.start();
        }
    }

    /**
     * How many of a symbol's newest stored bars at {@code interval} a restart restores: the
     * revisable closed ones and those that may still be open within the allowed lateness.
     */
    public int restorable(BarInterval interval) {
        long length = interval.nominalMillis();
        return settings.revisableBars() + 1 + (int) Math.min(1_000, (latenessMillis + length - 1) / length);
    }

    /** Every bar not closed yet: what a shutdown or a checkpoint stores so a restart can continue it. */
    public synchronized List<Bar> openBars() {
        List<Bar> result = new ArrayList<>();
        for (SymbolBars bars : symbols.values()) {
            for (List<Slot> slots : bars.slots) {
                for (Slot slot : slots) {
                    if (!slot.bar.closed()) {
                        result.add(slot.bar);
                    }
                }
            }
        }
        return result;
    }

    /** Ticks that came after their bar (at some interval) had closed: each revised a bar or was refused. */
    public synchronized long lateCount() {
        return late;
    }

    /** Late ticks some bar refused: all of them under {@code drop}, those older than the held bars under {@code revise}. */
    public synchronized long refusedCount() {
        return refused;
    }

    /** Closed bars revised by a late tick and published again (one per bar and interval changed). */
    public synchronized long revisionCount() {
        return revisions;
    }

    /** Quotes heard again (seq not above the last one heard, or already in every bar), which changed no bar. */
    public synchronized long repeatCount() {
        return repeats;
    }
}
