package io.tickhub.core.access;

/**
 * What one credential (or, for clients without one, one address) may hold and spend. Every field
 * is a positive bound; the hub's defaults come from {@code tickhub.security.limits.*}, and a key
 * may carry its own.
 *
 * @param connections     streaming connections open at once
 * @param subscriptions   subscriptions over all of its streaming connections and channels
 * @param requestsPerSecond REST requests per second, sustained (bursts up to twice that)
 * @param pollsPerMinute  on-demand polls and job creations: what spends a provider's request budget
 * @param upstreamSymbols symbols it may have opened on an upstream stream (Finnhub) at once
 */
public record AccessLimits(int connections, int subscriptions, int requestsPerSecond, int pollsPerMinute,
                           int upstreamSymbols) {

    public AccessLimits {
        positive("connections", connections);
        positive("subscriptions", subscriptions);
        positive("requestsPerSecond", requestsPerSecond);
        positive("pollsPerMinute", pollsPerMinute);
        positive("upstreamSymbols", upstreamSymbols);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
