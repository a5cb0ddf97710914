package io.tickhub.core.testing;

import io.tickhub.core.fanout.SymbolInterest;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SymbolInterest} that records its events as {@code "first AAPL"} and {@code "last AAPL"},
 * in order. Thread-safe.
 */
public final class RecordingSymbolInterest implements SymbolInterest {

    private final List<String> events = new ArrayList<>();

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
