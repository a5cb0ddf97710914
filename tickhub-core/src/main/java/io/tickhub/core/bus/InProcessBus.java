package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;
import java.util.function.BiConsumer;

/**
 * The default bus: delivers each quote synchronously, on the publishing (sequencer) thread, to
 * every listener in subscription order. A listener that throws is counted and reported, and
 * the others still get the quote.
 */
public final class InProcessBus implements QuoteBus {

    private final BusListeners listeners;

    /** @param onFailure told of every listener exception (logging lives outside the core) */
    public InProcessBus(BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this.listeners = new BusListeners(onFailure);
    }

    public InProcessBus() {
        this((listener, e) -> { });
    }

    @Override
    public void publish(Quote quote) {
        listeners.deliver(quote);
    }

    @Override
    public void endOfBatch() {
        listeners.endBatch();
    }

    @Override
    public void subscribe(QuoteListener listener) {
        listeners.add(listener);
    }

    public long listenerFailures() {
        return listeners.failures();
    }
}
