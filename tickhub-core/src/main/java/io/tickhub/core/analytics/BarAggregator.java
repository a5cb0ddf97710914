package io.tickhub.core.analytics;

import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Builds OHLCV bars of every symbol at every {@link BarInterval} from the quote stream.
 *
 * <p>A bar is placed by the quote's provider time (when the market observed the price), so bars
 * line up with the exchange's. Its volume is the sum of the updates' volumes. A quote older than
 * the symbol's open bar (a late or out-of-order observation) changes no bar and is counted; bars
 * are never rewritten once closed. A bar closes when a quote of a later bar arrives, or when
 * {@link #closeDue} finds its end has passed, so a quiet symbol's last bar still closes.
 *
 * <p>Threading: {@link #onQuote} on the bus thread, {@link #closeDue} on a timer; the two share
 * one monitor (uncontended almost always: the timer runs once a second).
 */
public final class BarAggregator implements QuoteListener {

    private static final BarInterval[] INTERVALS = BarInterval.values();

    private final ZoneId dailyZone;
    private final List<BarListener> listeners = new CopyOnWriteArrayList<>();
    private final BarListener listener = bar -> {
        for (BarListener l : listeners) {
            l.onBar(bar);
        }
    };
    private final Map<String, Bars> open = new HashMap<>();
    private long late;
    private long repeats;

    /** @param dailyZone where daily bars start at midnight (the exchange's zone) */
    public BarAggregator(ZoneId dailyZone) {
        this.dailyZone = dailyZone;
    }

    /** Listeners hear every bar change in order, under this aggregator's monitor: they must not block. */
    public void subscribe(BarListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code join} with the symbol's current bar while no bar can change: what it registers
     * hears exactly the changes after that bar.
     */
    public synchronized void join(String symbol, BarInterval interval, Consumer<Optional<Bar>> join) {
        join.accept(current(symbol, interval));
    }

    /**
     * Folds a quote into every interval's bar. A quote whose seq is not above the last one folded
     * for its symbol is a repeat (a Kafka worker reading a batch again) and changes nothing, so
     * counts and volumes are never doubled.
     */
    @Override
    public synchronized void onQuote(Quote quote) {
        Bars bars = open.computeIfAbsent(quote.symbol(), s -> new Bars());
        if (quote.seq() <= bars.lastSeq) {
            repeats++;
            return;
        }
        bars.lastSeq = quote.seq();
        Instant time = quote.providerTime();
        boolean counted = false;
        for (BarInterval interval : INTERVALS) {
            int i = interval.ordinal();
            Bar current = bars.bar[i];
            Bar next;
            // The common case, a quote inside the open bar, needs no calendar arithmetic.
            if (current != null && !current.closed() && !time.isBefore(current.start()) && time.isBefore(bars.end[i])) {
                next = current.plus(quote.price(), quote.volume());
            } else {
                Instant start = interval.start(time, dailyZone);
                if (current != null && !start.isAfter(current.start())) {
                    if (!counted) {
                        late++; // older than the symbol's bar at this interval: changes no bar
                        counted = true;
                    }
                    continue;
                }
                if (current != null && !current.closed()) {
                    listener.onBar(current.asClosed());
                }
                next = Bar.open(quote.symbol(), interval, start, quote.price(), quote.volume());
                bars.end[i] = interval.end(start, dailyZone);
            }
            bars.bar[i] = next;
            listener.onBar(next);
        }
    }

    /** A symbol's current bar and its end, per interval, and the seq of the last quote folded in. */
    private static final class Bars {
        final Bar[] bar = new Bar[INTERVALS.length];
        final Instant[] end = new Instant[INTERVALS.length];
        long lastSeq;
    }

    /** Closes every open bar whose end is at or before {@code now}. */
    public synchronized void closeDue(Instant now) {
        for (Bars bars : open.values()) {
            for (int i = 0; i < bars.bar.length; i++) {
                Bar bar = bars.bar[i];
                if (bar != null && !bar.closed() && !bars.end[i].isAfter(now)) {
                    bars.bar[i] = bar.asClosed();
                    listener.onBar(bars.bar[i]);
                }
            }
        }
    }

    /** The symbol's current bar at {@code interval} (open, or the last closed one). */
    public synchronized Optional<Bar> current(String symbol, BarInterval interval) {
        Bars bars = open.get(symbol);
        return bars == null ? Optional.empty() : Optional.ofNullable(bars.bar[interval.ordinal()]);
    }

    /**
     * Continues from a stored bar after a restart: it becomes the symbol's current bar at its
     * interval unless a later one is already there. An open bar whose end has passed is closed by
     * the next {@link #closeDue} or the next quote, like any other.
     */
    public synchronized void restore(Bar bar) {
        Bars bars = open.computeIfAbsent(bar.symbol(), s -> new Bars());
        int i = bar.interval().ordinal();
        if (bars.bar[i] == null || bar.start().isAfter(bars.bar[i].start())) {
            bars.bar[i] = bar;
            bars.end[i] = bar.interval().end(bar.start(), dailyZone);
        }
    }

    /** Every bar not closed yet: what a shutdown or a checkpoint stores so a restart can continue it. */
    public synchronized List<Bar> openBars() {
        List<Bar> result = new ArrayList<>();
        for (Bars bars : open.values()) {
            for (Bar bar : bars.bar) {
                if (bar != null && !bar.closed()) {
                    result.add(bar);
                }
            }
        }
        return result;
    }

    /** Quotes that arrived after a later bar of their symbol had begun, and so changed no bar. */
    public synchronized long lateCount() {
        return late;
    }

    /** Quotes heard again (seq not above the last one folded in), which changed no bar. */
    public synchronized long repeatCount() {
        return repeats;
    }
}
