package io.tickhub.core.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar of a symbol. Immutable: each update makes a new one.
 *
 * <p>{@code open} and {@code close} are the prices of the first and last update folded in, in seq
 * order (the order the hub accepted them), which is time order unless a tick came late.
 *
 * @param start   inclusive start ({@link BarInterval#start})
 * @param volume  sum of the volumes of the updates in it
 * @param count   updates in it
 * @param closed  true once the bar is final (until a late tick revises it): the symbol's event time,
 *                or the wall clock while the symbol is quiet, has passed its end plus the allowed lateness
 * @param lastSeq the highest seq folded in (0 when unknown): a recovery folds in only ticks above it
 * @param revised true on a closed bar published again because a late tick changed it (never stored)
 */
public record Bar(String symbol, BarInterval interval, Instant start, double open, double high, double low,
                  double close, double volume, long count, boolean closed, long lastSeq, boolean revised) {

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
    }

    /** A bar whose last seq is unknown (0), not a revision. */
    public Bar(String symbol, BarInterval interval, Instant start, double open, double high, double low,
               double close, double volume, long count, boolean closed) {
        this(symbol, interval, start, open, high, low, close, volume, count, closed, 0, false);
    }

    /** The first update of a bar. */
    static Bar open(String symbol, BarInterval interval, Instant start, double price, double volume, long seq) {
        return new Bar(symbol, interval, start, price, price, price, price, volume, 1, false, seq, false);
    }

    /** This bar with one more update, later in seq order than every one in it. */
    Bar plus(double price, double volume, long seq) {
        return new Bar(symbol, interval, start, open, Math.max(high, price), Math.min(low, price), price,
                this.volume + volume, count + 1, closed, Math.max(lastSeq, seq), false);
    }

    Bar asClosed() {
        return new Bar(symbol, interval, start, open, high, low, close, volume, count, true, lastSeq, false);
    }

    /** This closed bar as published after a late tick changed it. */
    Bar asRevision() {
        return new Bar(symbol, interval, start, open, high, low, close, volume, count, true, lastSeq, true);
    }
}
