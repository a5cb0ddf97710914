package io.tickhub.core.quote;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference data for every symbol a provider has described. Thread-safe: providers register
 * from their own threads, readers see a consistent {@link Instrument} (each value is immutable).
 */
public final class InstrumentRegistry {

    private final Map<String, Instrument> bySymbol = new ConcurrentHashMap<>();

    /** Adds or replaces what is known of {@code instrument.symbol()}. */
    public void register(Instrument instrument) {
        bySymbol.put(instrument.symbol(), instrument);
    }

    /** What is known of {@code symbol}; {@link Instrument#unknown} when nothing was registered. */
    public Instrument describe(String symbol) {
        Instrument known = bySymbol.get(symbol);
        return known != null ? known : Instrument.unknown(symbol);
    }

    public boolean isKnown(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    /** Every registered instrument, sorted by symbol. */
    public List<Instrument> all() {
        Collection<Instrument> values = bySymbol.values();
        return values.stream().sorted((a, b) -> a.symbol().compareTo(b.symbol())).toList();
    }
}
