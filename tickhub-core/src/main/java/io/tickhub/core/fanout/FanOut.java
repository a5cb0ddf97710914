package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Routes every quote to the connections subscribed to its symbol: encodes it once and offers
 * the same bytes to each. A {@link QuoteListener} on the bus thread; subscriptions change on the
 * connections' own threads through copy-on-write arrays, so the bus thread never takes a lock.
 *
 * <p>Writers are woken once per bus batch ({@link #onBatchEnd}), not once per update: a burst of
 * updates reaches each connection's event loop as one task, written and flushed together.
 *
 * <p>Threading: {@link #subscribe} and {@link #unregister} of a connection must run on that
 * connection's own thread (its event loop), as the transports do.
 *
 * <p>The number of connections per symbol is its reference count: {@link SymbolInterest} hears
 * the 0→1 and 1→0 transitions.
 */
public final class FanOut implements QuoteListener, FanOutStats {

    private static final Connection[] NONE = new Connection[0];

    private final Book book;
    private final SymbolInterest interest;
    private final ConcurrentHashMap<String, Connection[]> bySymbol = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections offered data in the current bus batch; bus thread only. */
    private Connection[] dirty = new Connection[256];
    private int dirtyCount;

    public FanOut(Book book, SymbolInterest interest) {
        this.book = book;
        this.interest = interest;
    }

    @Override
    public void onQuote(Quote quote) {
        Connection[] subscribers = bySymbol.get(quote.symbol());
        if (subscribers == null) {
            return;
        }
        double reference = book.first(quote.symbol()).map(Quote::price).orElse(quote.price());
        Outbound.Market market = new Outbound.Market(quote, reference,
                NativeMessages.priceUpdate(quote, reference, false, 0));
        for (Connection connection : subscribers) {
            if (connection.format() != WireFormat.NATIVE) {
                market.encodeFor(connection.format());
            }
            if (connection.offer(market) && !connection.pendingFlush) {
                connection.pendingFlush = true;
                if (dirtyCount == dirty.length) {
                    dirty = Arrays.copyOf(dirty, dirty.length * 2);
                }
                dirty[dirtyCount++] = connection;
            }
        }
    }

    /**
     * End of a bus batch: every connection that got data is drained once, and all the drains of
     * one event loop run in one task, so a batch costs one wake-up per event loop rather than one
     * per connection (a wake-up is a syscall and a context switch).
     */
    @Override
    public void onBatchEnd() {
        if (dirtyCount == 0) {
            return;
        }
        IdentityHashMap<Executor, List<Connection>> byLoop = new IdentityHashMap<>(8);
        for (int i = 0; i < dirtyCount; i++) {
            Connection connection = dirty[i];
            dirty[i] = null;
            connection.pendingFlush = false;
            if (connection.claimDrain()) {
                byLoop.computeIfAbsent(connection.writer(), loop -> new ArrayList<>()).add(connection);
            }
        }
        dirtyCount = 0;
        for (Map.Entry<Executor, List<Connection>> loop : byLoop.entrySet()) {
            List<Connection> connections = loop.getValue();
            loop.getKey().execute(() -> {
                for (Connection connection : connections) {
                    connection.drain();
                }
            });
        }
    }

    /** A new client; it receives nothing until it subscribes. */
    public void register(Connection connection) {
        connections.add(connection);
    }

    /**
     * The client is gone: every subscription is released (reference counts drop) and its queue
     * freed. Safe to call more than once, from any exit path.
     */
    public void unregister(Connection connection) {
        if (!connections.remove(connection)) {
            return;
        }
        for (String symbol : connection.symbols().toArray(String[]::new)) {
            release(connection, symbol);
        }
        connection.symbols().clear();
        connection.terminated();
    }

    /**
     * Subscribes {@code connection} (on its own thread) to {@code symbol}. The snapshot or resume
     * marker is queued before the subscription is registered, so it precedes every delta.
     *
     * @param resumeAfter replay updates after this seq, or {@code null}
     * @return false when it was already subscribed (nothing changed)
     */
    public boolean subscribe(Connection connection, String symbol, boolean snapshot, Long resumeAfter) {
        if (connection.isClosed() || !connection.symbols().add(symbol)) {
            return false;
        }
        if (resumeAfter != null) {
            connection.enqueue(new Outbound.Resume(symbol, resumeAfter));
        } else if (snapshot) {
            connection.enqueue(new Outbound.Snapshot(symbol));
        }
        bySymbol.compute(symbol, (s, current) -> {
            if (current == null || current.length == 0) {
                interest.firstSubscriber(s);
                return new Connection[] {connection};
            }
            Connection[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = connection;
            return grown;
        });
        return true;
    }

    /** @return false when it was not subscribed */
    public boolean unsubscribe(Connection connection, String symbol) {
        if (!connection.symbols().remove(symbol)) {
            return false;
        }
        release(connection, symbol);
        connection.forget(symbol);
        return true;
    }

    private void release(Connection connection, String symbol) {
        bySymbol.computeIfPresent(symbol, (s, current) -> {
            int index = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == connection) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return current;
            }
            if (current.length == 1) {
                interest.lastSubscriberGone(s);
                return null; // removes the mapping
            }
            Connection[] shrunk = new Connection[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, index);
            System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
            return shrunk;
        });
    }

    /** Connections subscribed to {@code symbol}: its reference count. */
    public int subscriberCount(String symbol) {
        return bySymbol.getOrDefault(symbol, NONE).length;
    }

    /** Runs {@link Connection#tick} on every connection (heartbeats, ping and slow-consumer timeouts). */
    public void tick() {
        for (Connection connection : connections) {
            connection.tick();
        }
    }

    /** Closes every connection with 1001 (server going away): clients reconnect elsewhere and resume. */
    public void closeAll(String reason) {
        for (Connection connection : connections) {
            connection.close(Connection.GOING_AWAY, reason);
        }
    }

    @Override
    public int connections() {
        return connections.size();
    }

    @Override
    public int subscriptions() {
        int total = 0;
        for (Connection[] subscribers : bySymbol.values()) {
            total += subscribers.length;
        }
        return total;
    }

    @Override
    public SortedSet<String> subscribedSymbols() {
        return new TreeSet<>(bySymbol.keySet());
    }
}
