package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;

/**
 * Receives sequenced quotes from a {@link QuoteBus}. Called on the bus's delivery thread, which
 * is the one writer of the quote's symbol: implementations must not block; slow work is handed
 * to a queue drained by a thread of their own.
 */
public interface QuoteListener {

    void onQuote(Quote quote);

    /**
     * The bus has delivered a batch (a ring-buffer drain, a Kafka poll). Listeners that batch
     * their own output (the fan-out flushes sockets, the store writer wakes) do it here.
     */
    default void onBatchEnd() {
    }
}
