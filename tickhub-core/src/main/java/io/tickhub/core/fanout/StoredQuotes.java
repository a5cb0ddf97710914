package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;
import java.util.List;

/** Quotes kept beyond the book's ring (the store), read by seq for a resume that reaches further back. */
@FunctionalInterface
public interface StoredQuotes {

    /**
     * Quotes of {@code symbol} with seq after {@code afterSeq} and before {@code beforeSeq}, oldest
     * first, at most {@code limit}. May block; never called on an event loop.
     */
    List<Quote> between(String symbol, long afterSeq, long beforeSeq, int limit);
}
