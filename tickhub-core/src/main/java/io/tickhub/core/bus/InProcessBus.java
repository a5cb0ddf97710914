package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The default bus: delivers each quote synchronously, on the publishing (sequencer) thread, to
 * every listener in subscription order. A listener that throws is counted and reported, and
 * the others still get the quote.
 */
public final class InProcessBus implements QuoteBus {

    private final List<QuoteListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder listenerFailures = new LongAdder();
    private final BiConsumer<QuoteListener, RuntimeException> onFailure;

    /** @param onFailure told of every listener exception (logging lives outside the core) */
    public InProcessBus(BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    public InProcessBus() {
        this((listener, e) -> { });
    }

    @Override
    public void publish(Quote quote) {
        for (QuoteListener listener : listeners) {
            try {
                listener.onQuote(quote);
            } catch (RuntimeException e) {
                fail(listener, e);
            }
        }
    }

    @Override
    public void endOfBatch() {
        for (QuoteListener listener : listeners) {
            try {
                listener.onBatchEnd();
            } catch (RuntimeException e) {
                fail(listener, e);
            }
        }
    }

    @Override
    public void subscribe(QuoteListener listener) {
        listeners.add(listener);
    }

    public long listenerFailures() {
        return listenerFailures.sum();
    }

    private void fail(QuoteListener listener, RuntimeException e) {
        listenerFailures.increment();
        onFailure.accept(listener, e);
    }
}
