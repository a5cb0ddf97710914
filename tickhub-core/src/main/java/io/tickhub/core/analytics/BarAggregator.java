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
    private final Map<String, Bar[]> open = new HashMap<>();
    private long late;

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

    @Override
    public synchronized void onQuote(Quote quote) {
        Bar[] bars = open.computeIfAbsent(quote.symbol(), s -> new Bar[INTERVALS.length]);
        Instant time = quote.providerTime();
        for (BarInterval interval : INTERVALS) {
            Bar current = bars[interval.ordinal()];
            Instant start = interval.start(time, dailyZone);
            Bar next;
            if (current == null || start.isAfter(current.start())) {
                if (current != null && !current.closed()) {
                    listener.onBar(current.asClosed());
                }
                next = Bar.open(quote.symbol(), interval, start, quote.price(), quote.volume());
            } else if (start.equals(current.start()) && !current.closed()) {
                next = current.plus(quote.price(), quote.volume());
            } else {
                if (interval == BarInterval.S1) {
                    late++; // counted once per quote, not once per interval
                }
                continue;
            }
            bars[interval.ordinal()] = next;
            listener.onBar(next);
        }
    }

    /** Closes every open bar whose end is at or before {@code now}. */
    public synchronized void closeDue(Instant now) {
        for (Bar[] bars : open.values()) {
            for (int i = 0; i < bars.length; i++) {
                Bar bar = bars[i];
                if (bar != null && !bar.closed() && !bar.interval().end(bar.start(), dailyZone).isAfter(now)) {
                    bars[i] = bar.asClosed();
                    listener.onBar(bars[i]);
                }
            }
        }
    }

    /** The symbol's current bar at {@code interval} (open, or the last closed one). */
    public synchronized Optional<Bar> current(String symbol, BarInterval interval) {
        Bar[] bars = open.get(symbol);
        return bars == null ? Optional.empty() : Optional.ofNullable(bars[interval.ordinal()]);
    }

    /** Quotes that arrived after a later bar of their symbol had begun, and so changed no bar. */
    public synchronized long lateCount() {
        return late;
    }

    /** Every current bar (for tests and snapshots). */
    public synchronized List<Bar> currentBars() {
        List<Bar> out = new ArrayList<>();
        for (Bar[] bars : open.values()) {
            for (Bar bar : bars) {
                if (bar != null) {
                    out.add(bar);
                }
            }
        }
        return out;
    }
}
