package io.tickhub.core.fanout;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsListener;
import io.tickhub.core.news.NewsWire;
import java.util.List;
import java.util.Set;

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
    private final TopicRoutes routes = new TopicRoutes();

    public NewsFanOut(NewsWire wire) {
        this.wire = wire;
    }

    @Override
    public void onNews(NewsItem item) {
        byte[] nativeJson = null;
        byte[] tickerHubJson = null;
        for (Connection connection : routes.targets(item.symbols())) {
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
            routes.subscribeAll(connection);
        });
    }

    /** @return false when the connection already had news of {@code symbol} */
    public boolean subscribe(Connection connection, String symbol) {
        return routes.subscribe(connection, symbol);
    }

    /** @return false when it had no news subscription for {@code symbol} */
    public boolean unsubscribe(Connection connection, String symbol) {
        return routes.unsubscribe(connection, symbol);
    }

    /** @return false when it was not getting every item */
    public boolean unsubscribeAll(Connection connection) {
        return routes.unsubscribeAll(connection);
    }

    /** Whether the connection has news of {@code symbol} by name. */
    public boolean isSubscribed(Connection connection, String symbol) {
        return routes.has(connection, symbol);
    }

    /** Whether the connection gets every item. */
    public boolean isSubscribedToAll(Connection connection) {
        return routes.hasAll(connection);
    }

    /** Symbols whose news the connection gets (a copy). */
    public Set<String> symbolsOf(Connection connection) {
        return routes.topicsOf(connection);
    }

    /** Releases every news subscription of a connection that is gone. Safe to call more than once. */
    public void unregister(Connection connection) {
        routes.unregister(connection);
    }

    /** News subscriptions over all connections (per symbol, plus one per all-news connection). */
    public int subscriptions() {
        return routes.subscriptions();
    }
}
