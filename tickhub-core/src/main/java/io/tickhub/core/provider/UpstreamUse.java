package io.tickhub.core.provider;

/**
 * How much of its {@link UpstreamLimits} a streaming provider uses right now, for metrics. Immutable.
 *
 * @param symbols    symbols subscribed upstream, or to be once connected (lingering ones included)
 * @param maxSymbols the cap on {@code symbols}
 * @param refused    symbols clients or jobs want that the cap keeps out
 * @param messages   subscribe and unsubscribe messages sent upstream since start
 */
public record UpstreamUse(int symbols, int maxSymbols, int refused, long messages) {
}
