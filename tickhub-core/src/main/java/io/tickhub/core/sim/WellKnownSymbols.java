package io.tickhub.core.sim;

import java.util.Map;

/**
 * Names and plausible starting prices of some widely traded stocks, so a simulated {@code AAPL}
 * looks like Apple on the dashboard. Symbols not listed start at a random price.
 */
final class WellKnownSymbols {

    record Reference(String name, double price) {
    }

    private static final Map<String, Reference> REFERENCES = Map.ofEntries(
            Map.entry("AAPL", new Reference("Apple Inc.", 228.50)),
            Map.entry("MSFT", new Reference("Microsoft Corporation", 415.20)),
            Map.entry("GOOGL", new Reference("Alphabet Inc.", 168.40)),
            Map.entry("AMZN", new Reference("Amazon.com, Inc.", 186.90)),
            Map.entry("NVDA", new Reference("NVIDIA Corporation", 131.60)),
            Map.entry("META", new Reference("Meta Platforms, Inc.", 562.30)),
            Map.entry("TSLA", new Reference("Tesla, Inc.", 248.70)),
            Map.entry("NFLX", new Reference("Netflix, Inc.", 701.10)),
            Map.entry("JPM", new Reference("JPMorgan Chase & Co.", 221.80)),
            Map.entry("V", new Reference("Visa Inc.", 279.40)),
            Map.entry("IBM", new Reference("International Business Machines Corporation", 214.60)),
            Map.entry("AMD", new Reference("Advanced Micro Devices, Inc.", 152.30)));

    private WellKnownSymbols() {
    }

    static Reference find(String symbol) {
        return REFERENCES.get(symbol);
    }
}
