package io.tickhub.core.testing;

import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link QuoteListener} that records what a bus delivered to it, for assertions. Thread-safe:
 * any number of bus delivery threads may call it while the test thread reads it.
 *
 * <p>Besides the quotes, it records what a bus contract cares about: how many batch ends arrived,
 * how many delivered quotes are still waiting for a batch end on the thread that delivered them
 * ({@link #unflushedQuotes()}), and whether a symbol was ever delivered on two threads at once
 * ({@link #concurrentDeliveries()}).
 */
public final class RecordingListener implements QuoteListener {

    private final String name;
    private final List<Quote> quotes = new ArrayList<>();
    private final LongAdder batchEnds = new LongAdder();
    private final Map<Thread, AtomicInteger> unflushedByThread = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightBySymbol = new ConcurrentHashMap<>();
    private final LongAdder concurrentDeliveries = new LongAdder();
    private final Set<Thread> deliveryThreads = ConcurrentHashMap.newKeySet();

    public RecordingListener() {
        this("recording");
    }

    public RecordingListener(String name) {
        this.name = name;
    }

    @Override
    public void onQuote(Quote quote) {
        AtomicInteger inFlight = inFlightBySymbol.computeIfAbsent(quote.symbol(), s -> new AtomicInteger());
        if (inFlight.incrementAndGet() > 1) {
            concurrentDeliveries.increment();
        }
        try {
            Thread current = Thread.currentThread();
            deliveryThreads.add(current);
            synchronized (quotes) {
                quotes.add(quote);
            }
            unflushedByThread.computeIfAbsent(current, t -> new AtomicInteger()).incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onBatchEnd() {
        AtomicInteger unflushed = unflushedByThread.get(Thread.currentThread());
        if (unflushed != null) {
            unflushed.set(0);
        }
        batchEnds.increment();
    }

    /** Everything received so far, in arrival order. */
    public List<Quote> quotes() {
        synchronized (quotes) {
            return List.copyOf(quotes);
        }
    }

    public int count() {
        synchronized (quotes) {
            return quotes.size();
        }
    }

    /** What was received for {@code symbol}, in arrival order. */
    public List<Quote> quotesOf(String symbol) {
        return quotes().stream().filter(q -> q.symbol().equals(symbol)).toList();
    }

    /** The seqs received for {@code symbol}, in arrival order. */
    public List<Long> seqsOf(String symbol) {
        return quotesOf(symbol).stream().map(Quote::seq).toList();
    }

    public long batchEnds() {
        return batchEnds.sum();
    }

    /** Quotes delivered with no batch end after them yet on the thread that delivered them. */
    public int unflushedQuotes() {
        return unflushedByThread.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How often a quote arrived while another quote of the same symbol was still being delivered. */
    public long concurrentDeliveries() {
        return concurrentDeliveries.sum();
    }

    public Set<Thread> deliveryThreads() {
        return Set.copyOf(deliveryThreads);
    }

    @Override
    public String toString() {
        return "RecordingListener[" + name + ", " + count() + " quotes, " + batchEnds() + " batch ends]";
    }
}
