package io.tickhub.core.quote;

import java.util.Objects;

/**
 * Reference data about a symbol: what to call it and what it is priced in. Immutable.
 *
 * @param symbol   normalised symbol
 * @param name     display name ({@code Apple Inc.}, {@code Item 03}); never null, falls back to the symbol
 * @param currency ISO-4217 code, or {@code null} when unknown
 * @param exchange exchange or venue, or {@code null} when unknown
 */
public record Instrument(String symbol, String name, String currency, String exchange) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        name = name == null || name.isBlank() ? symbol : name;
    }

    /** What is known of a symbol before any provider described it: its name is its symbol. */
    public static Instrument unknown(String symbol) {
        return new Instrument(symbol, symbol, null, null);
    }
}
