package io.tickhub.core.fanout;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.analytics.BarListener;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes bar changes to the {@code bars.<interval>} subscribers of their symbol. Like news, bars
 * are never conflated away: each change goes into the connection's queue, and a connection whose
 * queue is full is closed as a slow consumer. A subscribe with a snapshot first gets the symbol's
 * current bar, read atomically with the registration so no change is missed or repeated.
 *
 * <p>A connection's bar subscriptions must be released with {@link #unregister} on every exit path.
 */
public final class BarFanOut implements BarListener {

    private final BarAggregator aggregator;
    private final Map<BarInterval, TopicRoutes> routes = new EnumMap<>(BarInterval.class);

    public BarFanOut(BarAggregator aggregator) {
        this.aggregator = aggregator;
        for (BarInterval interval : BarInterval.values()) {
            routes.put(interval, new TopicRoutes());
        }
    }

    @Override
    public void onBar(Bar bar) {
        byte[] json = null;
        for (Connection connection : routes.get(bar.interval()).targets(List.of(bar.symbol()))) {
            json = json != null ? json : BarMessages.bar(bar);
            connection.send(json);
        }
    }

    /** @return false when the connection already had those bars */
    public boolean subscribe(Connection connection, BarInterval interval, String symbol, boolean snapshot) {
        boolean[] added = new boolean[1];
        aggregator.join(symbol, interval, current -> {
            added[0] = routes.get(interval).subscribe(connection, symbol);
            if (added[0] && snapshot) {
                current.ifPresent(bar -> connection.send(BarMessages.bar(bar)));
            }
        });
        return added[0];
    }

    /** Bars of every symbol at {@code interval}, from the next change on. */
    public boolean subscribeAll(Connection connection, BarInterval interval) {
        return routes.get(interval).subscribeAll(connection);
    }

    public boolean unsubscribe(Connection connection, BarInterval interval, String symbol) {
        return routes.get(interval).unsubscribe(connection, symbol);
    }

    public boolean unsubscribeAll(Connection connection, BarInterval interval) {
        return routes.get(interval).unsubscribeAll(connection);
    }

    /** The connection's symbols at {@code interval} (a copy). */
    public Set<String> symbolsOf(Connection connection, BarInterval interval) {
        return routes.get(interval).topicsOf(connection);
    }

    /** Whether the connection gets the bars of every symbol at {@code interval}. */
    public boolean isSubscribedToAll(Connection connection, BarInterval interval) {
        return routes.get(interval).hasAll(connection);
    }

    /** Releases every bar subscription of a connection that is gone. Safe to call more than once. */
    public void unregister(Connection connection) {
        for (TopicRoutes r : routes.values()) {
            r.unregister(connection);
        }
    }

    /** Bar subscriptions over all connections and intervals. */
    public int subscriptions() {
        int total = 0;
        for (TopicRoutes r : routes.values()) {
            total += r.subscriptions();
        }
        return total;
    }
}
