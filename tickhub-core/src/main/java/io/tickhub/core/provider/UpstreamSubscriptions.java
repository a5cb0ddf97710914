package io.tickhub.core.provider;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference-counted subscriptions of one streaming upstream (Finnhub's WebSocket): exactly one
 * upstream subscribe per symbol however many clients and jobs want it, an unsubscribe when the last
 * one goes, every live subscription re-sent when a connection opens, and nothing sent while down
 * (what changes meanwhile is sent, as the full set, once it is back).
 *
 * <p>Thread-safe: one monitor orders interest changes against connects and disconnects, so a
 * subscription can neither be sent twice nor lost between a reconnect and a new client. Interest
 * changes are rare (a client subscribing), never per message.
 */
public final class UpstreamSubscriptions {

    /** The open connection, as this class uses it. Calls are made under the monitor: hand off, do not block. */
    public interface Link {
        void subscribe(String symbol);

        void unsubscribe(String symbol);
    }

    private final Map<String, Integer> interest = new TreeMap<>();
    private Link link;

    /** One more interest in {@code symbol}; the first is sent upstream at once if connected. */
    public synchronized void acquire(String symbol) {
        if (interest.merge(symbol, 1, Integer::sum) == 1 && link != null) {
            link.subscribe(symbol);
        }
    }

    /** One interest fewer; the last is unsubscribed upstream if connected. Releasing an unknown symbol is a no-op. */
    public synchronized void release(String symbol) {
        Integer count = interest.get(symbol);
        if (count == null) {
            return;
        }
        if (count > 1) {
            interest.put(symbol, count - 1);
            return;
        }
        interest.remove(symbol);
        if (link != null) {
            link.unsubscribe(symbol);
        }
    }

    /** A connection opened: every live subscription is sent on it, in symbol order. */
    public synchronized void connected(Link opened) {
        this.link = opened;
        interest.keySet().forEach(opened::subscribe);
    }

    /** The connection is gone: nothing is sent until the next {@link #connected}. */
    public synchronized void disconnected() {
        this.link = null;
    }

    /** Symbols with at least one interest, sorted. */
    public synchronized List<String> symbols() {
        return List.copyOf(interest.keySet());
    }

    /** How many callers want {@code symbol}. */
    public synchronized int interestIn(String symbol) {
        return interest.getOrDefault(symbol, 0);
    }
}
