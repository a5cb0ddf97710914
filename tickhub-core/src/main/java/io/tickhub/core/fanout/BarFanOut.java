package io.tickhub.core.fanout;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.analytics.BarListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        TopicRoutes interval = routes.get(bar.interval());
        if (!interval.anyFor(bar.symbol())) {
            return; // five bar changes per quote, and usually nobody asked for them
        }
        byte[] json = null;
        for (Connection connection : interval.targets(List.of(bar.symbol()))) {
            json = json != null ? json : BarMessages.bar(bar);
            connection.send(json);
        }
    }

    /** @return false when the connection already had those bars */
    public boolean subscribe(Connection connection, BarInterval interval, String symbol, boolean snapshot) {
        return !subscribe(connection, interval, List.of(symbol), snapshot).isEmpty();
    }

    /**
     * Subscribes {@code connection} to the bars of each of {@code symbols} at {@code interval}. With
     * {@code snapshot}, the current bars of those newly subscribed go into its queue as one item,
     * read atomically with the registrations, so no change is missed or repeated and a subscribe
     * of many symbols takes one slot of the queue.
     *
     * @return the symbols newly subscribed
     */
    public List<String> subscribe(Connection connection, BarInterval interval, Collection<String> symbols,
                                  boolean snapshot) {
        List<String> added = new ArrayList<>();
        aggregator.joinAll(symbols, interval, current -> {
            List<Outbound> bars = new ArrayList<>();
            for (Map.Entry<String, Optional<Bar>> e : current.entrySet()) {
                if (routes.get(interval).subscribe(connection, e.getKey())) {
                    added.add(e.getKey());
                    if (snapshot) {
                        e.getValue().ifPresent(bar -> bars.add(new Outbound.Control(BarMessages.bar(bar))));
                    }
                }
            }
            if (bars.size() == 1) {
                connection.enqueue(bars.getFirst());
            } else if (!bars.isEmpty()) {
                connection.enqueue(new Outbound.Several(List.copyOf(bars)));
            }
        });
        return added;
    }

    /** Whether the connection has the bars of {@code symbol} at {@code interval} by name. */
    public boolean isSubscribed(Connection connection, BarInterval interval, String symbol) {
        return routes.get(interval).has(connection, symbol);
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
