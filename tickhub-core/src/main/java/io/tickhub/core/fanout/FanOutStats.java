package io.tickhub.core.fanout;

import java.util.SortedSet;

/** What the streaming side reports about its clients. Thread-safe reads of a live count. */
public interface FanOutStats {

    /** Open streaming connections (WebSocket and SSE). */
    int connections();

    /** Subscriptions summed over every connection (one per connection, symbol and channel). */
    int subscriptions();

    /** Symbols at least one connection is subscribed to. */
    SortedSet<String> subscribedSymbols();
}
