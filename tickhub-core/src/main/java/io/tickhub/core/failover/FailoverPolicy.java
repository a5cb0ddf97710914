package io.tickhub.core.failover;

import java.util.List;
import java.util.Map;

/**
 * Which provider serves a symbol when several feed it, and when a feed counts as stale. Immutable.
 *
 * @param defaultPriority     providers in order of preference for every symbol without its own list
 * @param bySymbol            per-symbol orders of preference (normalised symbols), overriding the default
 * @param staleAfterIntervals k: a feed silent for k times its interval is stale and the next one serves
 */
public record FailoverPolicy(List<String> defaultPriority, Map<String, List<String>> bySymbol,
                             int staleAfterIntervals) {

    public FailoverPolicy {
        defaultPriority = List.copyOf(defaultPriority);
        bySymbol = Map.copyOf(bySymbol);
        if (staleAfterIntervals < 1) {
            throw new IllegalArgumentException("stale-after-intervals must be >= 1, was " + staleAfterIntervals);
        }
    }

    /** The order of preference for {@code symbol}; providers not listed come after the listed ones. */
    public List<String> priorityOf(String symbol) {
        return bySymbol.getOrDefault(symbol, defaultPriority);
    }

    /** Rank of {@code provider} for {@code symbol}: lower is preferred; unlisted providers share the last rank. */
    int rank(String symbol, String provider) {
        List<String> order = priorityOf(symbol);
        int i = order.indexOf(provider);
        return i < 0 ? order.size() : i;
    }
}
