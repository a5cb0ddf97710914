package io.tickhub.core.ingest;

/**
 * Decides whether a provider's quote for a symbol is taken, when several providers feed one symbol
 * and only the one serving it should move its price (failover). Called on the sequencer thread for
 * every quote: implementations must be quick and must not block.
 */
@FunctionalInterface
public interface FeedGate {

    /** Takes every quote: no failover configured. */
    FeedGate OPEN = (symbol, provider) -> true;

    /** @return true to accept, false to drop the quote as a standby provider's */
    boolean admit(String symbol, String provider);
}
