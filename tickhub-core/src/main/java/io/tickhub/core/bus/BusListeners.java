package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The listeners of a bus, in subscription order, and how every bus delivers to them: a listener
 * that throws is counted and reported, and the others still get the quote or the batch end.
 * Listeners may subscribe while another thread delivers.
 */
public final class BusListeners {

    private final List<QuoteListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();
    private final BiConsumer<QuoteListener, RuntimeException> onFailure;

    /** @param onFailure told of every listener exception (logging lives outside the core) */
    public BusListeners(BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    public void add(QuoteListener listener) {
        listeners.add(listener);
    }

    public void deliver(Quote quote) {
        for (QuoteListener listener : listeners) {
            try {
                listener.onQuote(quote);
            } catch (RuntimeException e) {
                fail(listener, e);
            }
        }
    }

    public void endBatch() {
        for (QuoteListener listener : listeners) {
            try {
                listener.onBatchEnd();
            } catch (RuntimeException e) {
                fail(listener, e);
            }
        }
    }

    /** Exceptions thrown by listeners so far. */
    public long failures() {
        return failures.sum();
    }

    private void fail(QuoteListener listener, RuntimeException e) {
        failures.increment();
        onFailure.accept(listener, e);
    }
}
