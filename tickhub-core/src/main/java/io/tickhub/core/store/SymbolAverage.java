package io.tickhub.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A simple moving average of a symbol's latest {@code window} prices, as system B kept in
 * {@code symbol_averages}: one row per symbol and window, replaced at each computation.
 *
 * @param calcTime when it was computed
 * @param lastSeq  seq of the newest price in the window
 */
public record SymbolAverage(String symbol, int window, double value, Instant calcTime, long lastSeq) {

    public SymbolAverage {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(calcTime, "calcTime");
    }
}
