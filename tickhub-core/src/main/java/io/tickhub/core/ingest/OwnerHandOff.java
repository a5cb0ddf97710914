package io.tickhub.core.ingest;

import io.tickhub.core.quote.RawQuote;

/**
 * Where the sequencer sends a provider quote of a symbol another ingest node sequences (a
 * cluster, {@link SymbolOwnership}), so that the quote reaches the one sequencer of its symbol
 * whichever node's provider read it. Called on the sequencer thread for each such quote:
 * implementations must not block for long (an asynchronous send).
 */
@FunctionalInterface
public interface OwnerHandOff {

    /** No hand-off: quotes of symbols this node does not own are refused as {@link RejectReason#NOT_OWNER}. */
    OwnerHandOff NONE = (symbol, quote) -> false;

    /**
     * @param symbol the quote's symbol, normalised (what decides its owner)
     * @param quote  the quote as the provider gave it
     * @return true when the quote is on its way to the owner; false to have it refused as
     *         {@link RejectReason#NOT_OWNER} (the hand-off could not take it)
     */
    boolean forward(String symbol, RawQuote quote);
}
