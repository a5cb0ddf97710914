package io.tickhub.core.fanout;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsListener;
import io.tickhub.core.news.NewsWire;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes news items to the connections that want them: per symbol (the native {@code news}
 * channel) or all of them (system A's {@code /ws/news}, or {@code *}). News is never conflated:
 * an item goes into the connection's queue like a reply, and a connection whose queue is full is
 * closed as a slow consumer rather than silently missing news.
 *
 * <p>A connection's news subscriptions must be released with {@link #unregister} on every exit
 * path, as with {@link FanOut#unregister}.
 */
public final class NewsFanOut implements NewsListener {

    private final NewsWire wire;
    private final ConcurrentHashMap<String, Connection[]> bySymbol = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, Set<String>> symbolsOf = new ConcurrentHashMap<>();
    /** Connections that get every item; copy-on-write under {@code this}. */
    private volatile Connection[] everything = Subscribers.NONE;

    public NewsFanOut(NewsWire wire) {
        this.wire = wire;
    }

    @Override
    public void onNews(NewsItem item) {
        Set<Connection> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        targets.addAll(Arrays.asList(everything));
        for (String symbol : item.symbols()) {
            targets.addAll(Arrays.asList(bySymbol.getOrDefault(symbol, Subscribers.NONE)));
        }
        byte[] nativeJson = null;
        byte[] tickerHubJson = null;
        for (Connection connection : targets) {
            if (connection.format() == WireFormat.TICKER_HUB) {
                tickerHubJson = tickerHubJson != null ? tickerHubJson : NewsMessages.byId(List.of(item));
                connection.send(tickerHubJson);
            } else {
                nativeJson = nativeJson != null ? nativeJson : NewsMessages.news(item);
                connection.send(nativeJson);
            }
        }
    }

    /**
     * Every item from now on; with {@code snapshot}, first the recent items as one frame of items
     * keyed by id (system A), atomically with the registration so none is missed or repeated.
     */
    public void subscribeAll(Connection connection, boolean snapshot) {
        wire.join(recent -> {
            if (snapshot) {
                connection.send(NewsMessages.byId(recent));
            }
            synchronized (this) {
                if (!Subscribers.contains(everything, connection)) {
                    everything = Subscribers.plus(everything, connection);
                }
            }
        });
    }

    /** @return false when the connection already had news of {@code symbol} */
    public boolean subscribe(Connection connection, String symbol) {
        if (!symbolsOf.computeIfAbsent(connection, c -> ConcurrentHashMap.newKeySet()).add(symbol)) {
            return false;
        }
        bySymbol.compute(symbol, (s, current) -> Subscribers.plus(current, connection));
        return true;
    }

    /** @return false when it had no news subscription for {@code symbol} */
    public boolean unsubscribe(Connection connection, String symbol) {
        Set<String> symbols = symbolsOf.get(connection);
        if (symbols == null || !symbols.remove(symbol)) {
            return false;
        }
        release(connection, symbol);
        return true;
    }

    /** @return false when it was not getting every item */
    public synchronized boolean unsubscribeAll(Connection connection) {
        if (!Subscribers.contains(everything, connection)) {
            return false;
        }
        Connection[] rest = Subscribers.minus(everything, connection);
        everything = rest == null ? Subscribers.NONE : rest;
        return true;
    }

    /** Whether the connection gets every item. */
    public boolean isSubscribedToAll(Connection connection) {
        return Subscribers.contains(everything, connection);
    }

    /** Symbols whose news the connection gets (a copy). */
    public Set<String> symbolsOf(Connection connection) {
        Set<String> symbols = symbolsOf.get(connection);
        return symbols == null ? Set.of() : Set.copyOf(symbols);
    }

    /** Releases every news subscription of a connection that is gone. Safe to call more than once. */
    public void unregister(Connection connection) {
        unsubscribeAll(connection);
        Set<String> symbols = symbolsOf.remove(connection);
        if (symbols != null) {
            for (String symbol : symbols) {
                release(connection, symbol);
            }
        }
    }

    /** News subscriptions over all connections (per symbol, plus one per all-news connection). */
    public int subscriptions() {
        int total = everything.length;
        for (Connection[] connections : bySymbol.values()) {
            total += connections.length;
        }
        return total;
    }

    private void release(Connection connection, String symbol) {
        bySymbol.computeIfPresent(symbol, (s, current) -> Subscribers.minus(current, connection));
    }
}
