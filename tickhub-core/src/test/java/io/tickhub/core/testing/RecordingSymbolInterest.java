package io.tickhub.core.testing;

import io.tickhub.core.fanout.SymbolInterest;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SymbolInterest} that records its events as {@code "first AAPL"} and {@code "last AAPL"},
 * in order; symbols given to {@link #refuse} are reported as refused upstream (a provider's cap).
 * Thread-safe.
 */
public final class RecordingSymbolInterest implements SymbolInterest {

    private final List<String> events = new ArrayList<>();
    private final java.util.Set<String> refused = new java.util.HashSet<>();
    private volatile boolean streamsUpstream;

    /** From now on every symbol is streamed from upstream (what per-subject upstream limits count). */
    public void streamEverySymbol() {
        streamsUpstream = true;
    }

    @Override
    public boolean streamsUpstream(String symbol) {
        return streamsUpstream;
    }

    /** From now on {@code symbols} have no upstream stream, as past a provider's cap. */
    public synchronized void refuse(String... symbols) {
        refused.addAll(List.of(symbols));
    }

    @Override
    public synchronized boolean refusedUpstream(String symbol) {
        return refused.contains(symbol);
    }

    @Override
    public synchronized void firstSubscriber(String symbol) {
        events.add("first " + symbol);
    }

    @Override
    public synchronized void lastSubscriberGone(String symbol) {
        events.add("last " + symbol);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }
}
