package io.tickhub.core.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar of a symbol. Immutable: each update makes a new one.
 *
 * @param start  inclusive start ({@link BarInterval#start})
 * @param volume sum of the volumes of the updates in it
 * @param count  updates in it
 * @param closed true once the bar is final: a later bar has begun or its end has passed
 */
public record Bar(String symbol, BarInterval interval, Instant start, double open, double high, double low,
                  double close, double volume, long count, boolean closed) {

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
    }

    /** The first update of a bar. */
    static Bar open(String symbol, BarInterval interval, Instant start, double price, double volume) {
        return new Bar(symbol, interval, start, price, price, price, price, volume, 1, false);
    }

    /** This bar with one more update. */
    Bar plus(double price, double volume) {
        return new Bar(symbol, interval, start, open, Math.max(high, price), Math.min(low, price), price,
                this.volume + volume, count + 1, false);
    }

    Bar asClosed() {
        return new Bar(symbol, interval, start, open, high, low, close, volume, count, true);
    }
}
