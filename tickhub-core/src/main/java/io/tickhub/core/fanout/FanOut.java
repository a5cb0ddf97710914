package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
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

    private final Book book;
    private final MarketEncoder encoder;
    private final SymbolInterest interest;
    private final ConcurrentHashMap<String, Connection[]> bySymbol = new ConcurrentHashMap<>();
    /** Connections subscribed to every symbol; copy-on-write under {@code this}, read lock-free. */
    private volatile Connection[] everySymbol = Subscribers.NONE;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections whose maxRate holds updates back: the only ones {@link #releaseHeld} visits. */
    private final Set<Connection> holding = ConcurrentHashMap.newKeySet();
    /** Connections offered data in the current bus batch; bus thread only. */
    private Connection[] dirty = new Connection[256];
    private int dirtyCount;
    /** Each event loop's connections waiting for the loop's next drain pass; created by the bus thread. */
    private final IdentityHashMap<Executor, LoopDrains> loops = new IdentityHashMap<>(8);
    private final long coalesceNanos;

    /**
     * @param encoder  encodes each update once per wire format in use
     * @param interest hears when a symbol gets its first subscriber and loses its last
     */
    public FanOut(Book book, MarketEncoder encoder, SymbolInterest interest) {
        this(book, encoder, interest, Duration.ZERO);
    }

    /**
     * @param coalesceWindow how long an event loop waits, after the first bus batch that has data for
     *                       it, before it drains: the batches that arrive meanwhile go out in the same
     *                       writes. Zero drains after every batch.
     */
    public FanOut(Book book, MarketEncoder encoder, SymbolInterest interest, Duration coalesceWindow) {
        this.book = book;
        this.encoder = encoder;
        this.interest = interest;
        this.coalesceNanos = coalesceWindow.toNanos();
    }

    @Override
    public void onQuote(Quote quote) {
        Connection[] subscribers = bySymbol.get(quote.symbol());
        Connection[] everyone = everySymbol;
        if (subscribers == null && everyone.length == 0) {
            return;
        }
        double reference = book.reference(quote.symbol(), quote.price());
        Outbound.Market market = new Outbound.Market(quote, reference);
        if (subscribers != null) {
            offer(market, subscribers);
        }
        // A connection both on '*' and on the symbol gets the update twice; its writer sends it once.
        offer(market, everyone);
    }

    private void offer(Outbound.Market market, Connection[] subscribers) {
        for (Connection connection : subscribers) {
            market.encodeFor(connection.format(), encoder);
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
     * one event loop run in one task, so a batch costs at most one wake-up per event loop rather
     * than one per connection (a wake-up is a syscall and a context switch). With a coalescing
     * window, a loop's pass runs that long after the first batch that has data for it, and the
     * batches until then join it: several updates go out per write, as NATS does under load.
     */
    @Override
    public void onBatchEnd() {
        if (dirtyCount == 0) {
            return;
        }
        for (int i = 0; i < dirtyCount; i++) {
            Connection connection = dirty[i];
            dirty[i] = null;
            connection.pendingFlush = false;
            if (connection.claimDrain()) {
                loops.computeIfAbsent(connection.writer(), LoopDrains::new).add(connection);
            }
        }
        dirtyCount = 0;
        for (LoopDrains loop : loops.values()) {
            loop.wake(coalesceNanos);
        }
    }

    /**
     * The connections one event loop is to drain: filled by the bus thread, emptied by the loop's
     * pass. At most one pass is scheduled at a time ({@link #scheduled}); a connection added after a
     * pass has taken the queue schedules the next one.
     */
    private static final class LoopDrains implements Runnable {
        private final Executor loop;
        private final MpscUnboundedXaddArrayQueue<Connection> waiting = new MpscUnboundedXaddArrayQueue<>(256);
        private final AtomicBoolean scheduled = new AtomicBoolean();

        LoopDrains(Executor loop) {
            this.loop = loop;
        }

        void add(Connection connection) {
            waiting.offer(connection);
        }

        void wake(long delayNanos) {
            if (waiting.isEmpty() || !scheduled.compareAndSet(false, true)) {
                return;
            }
            if (delayNanos > 0 && loop instanceof ScheduledExecutorService timer) {
                timer.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            } else {
                loop.execute(this);
            }
        }

        /**
         * Drains the connections waiting when the pass starts, and only those. The bus keeps adding
         * while a pass runs; a pass that took them too could last as long as the bus kept its rate
         * up, and its event loop would not turn to I/O meanwhile (no accept, no handshake, no
         * client's frame read, no socket that had filled up written again). What arrives during
         * the pass waits for the next one, which the bus's wake schedules (the flag is cleared
         * first, so no wake is lost) after the loop's next turn to I/O.
         */
        @Override
        public void run() {
            scheduled.set(false);
            for (int n = waiting.size(); n > 0; n--) {
                Connection connection = waiting.poll();
                if (connection == null) {
                    return;
                }
                connection.drain();
            }
        }
    }

    /** A new client; it receives nothing until it subscribes. */
    public void register(Connection connection) {
        connection.reportHoldingTo(holding);
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
        holding.remove(connection);
        for (String symbol : connection.symbols().toArray(String[]::new)) {
            if (connection.symbols().remove(symbol)) {
                release(connection, symbol);
                connection.subscriptionRemoved();
            }
        }
        unsubscribeAll(connection);
        connection.terminated();
    }

    /**
     * The quote subscriptions of one client message on {@code connection} (on its own thread):
     * their markers take one slot of its queue. Call {@link SubscribeBatch#commit} at the end.
     */
    public SubscribeBatch batch(Connection connection) {
        return new SubscribeBatch(this, connection);
    }

    /** A batch that takes at most {@code ringTakeBudget} quotes from the ring for its resumes (tests). */
    SubscribeBatch batch(Connection connection, int ringTakeBudget) {
        return new SubscribeBatch(this, connection, ringTakeBudget);
    }

    /**
     * Subscribes {@code connection} (on its own thread) to {@code symbol}. The snapshot or resume
     * marker is queued before the subscription is registered, so it precedes every delta.
     *
     * @param resumeAfter replay updates after this seq, or {@code null}
     * @return false when it was already subscribed (nothing changed)
     */
    public boolean subscribe(Connection connection, String symbol, boolean snapshot, Long resumeAfter) {
        return subscribe(connection, symbol, snapshot, resumeAfter, List.of());
    }

    /**
     * As {@link #subscribe(Connection, String, boolean, Long)}, the resume starting with
     * {@code stored}: the quotes after {@code resumeAfter} that the book's ring no longer holds.
     */
    public boolean subscribe(Connection connection, String symbol, boolean snapshot, Long resumeAfter, List<Quote> stored) {
        SubscribeBatch batch = batch(connection);
        boolean added = batch.subscribe(symbol, snapshot, resumeAfter, stored);
        batch.commit();
        return added;
    }

    /**
     * Subscribes (on the connection's thread) a client whose resume cannot be served whatever the
     * history holds: its seqs are of another stream epoch, or its position is unknown
     * ({@link ClientMessage.Subscribe#POSITION_UNKNOWN}). It gets {@code recovered} with
     * {@code complete:false} and a snapshot, never a replay that could differ from what it saw.
     *
     * @return false when it already was
     */
    public boolean subscribeUnrecoverable(Connection connection, String symbol, long resumeAfter) {
        SubscribeBatch batch = batch(connection);
        boolean added = batch.subscribeUnrecoverable(symbol, resumeAfter);
        batch.commit();
        return added;
    }

    /** Routes {@code symbol}'s updates to {@code connection}; its marker is queued already. */
    void route(Connection connection, String symbol) {
        bySymbol.compute(symbol, (s, current) -> {
            if (current == null) {
                interest.firstSubscriber(s);
            }
            return Subscribers.plus(current, connection);
        });
    }

    /**
     * Subscribes {@code connection} (on its own thread) to every symbol, present and future,
     * queueing a snapshot of every symbol the book has (when {@code snapshot}) before the
     * subscription is registered. Does not count toward any symbol's reference count: it takes
     * what flows, and brings no symbol in from upstream.
     *
     * @return false when it already was
     */
    public boolean subscribeAll(Connection connection, boolean snapshot) {
        SubscribeBatch batch = batch(connection);
        boolean added = batch.subscribeAll(snapshot);
        batch.commit();
        return added;
    }

    /** Routes every symbol's updates to {@code connection}; its snapshot marker is queued already. */
    void routeEverySymbol(Connection connection) {
        synchronized (this) {
            everySymbol = Subscribers.plus(everySymbol, connection);
        }
    }

    /** Ends {@link #subscribeAll}; subscriptions by name stay. @return false when it was not on every symbol */
    public boolean unsubscribeAll(Connection connection) {
        if (!connection.isWildcard()) {
            return false;
        }
        connection.wildcard(false);
        connection.subscriptionRemoved();
        synchronized (this) {
            Connection[] rest = Subscribers.minus(everySymbol, connection);
            everySymbol = rest == null ? Subscribers.NONE : rest;
        }
        return true;
    }

    /** Queues a snapshot of the records of {@code symbols} (system A's watchlist reply) for {@code connection}. */
    public void snapshotRecords(Connection connection, Set<String> symbols) {
        connection.enqueue(new Outbound.SnapshotRecords(Set.copyOf(symbols)));
    }

    /**
     * Limits {@code symbol} to one update per {@code minIntervalMicros} on {@code connection}
     * (0 lifts the limit); queue it before the subscription so it applies from the first delta.
     */
    public void throttle(Connection connection, String symbol, long minIntervalMicros) {
        connection.enqueue(new Outbound.Throttle(symbol, minIntervalMicros));
    }

    /** @return false when it was not subscribed */
    public boolean unsubscribe(Connection connection, String symbol) {
        SubscribeBatch batch = batch(connection);
        boolean removed = batch.unsubscribe(symbol);
        batch.commit();
        return removed;
    }

    /**
     * A resume's replay as far as it can be taken when the subscription is made: {@code stored} (what
     * the store had of the stretch before the ring), then what the ring holds right after it, when it
     * still reaches back there. The writer only has to join the ring after the last of these; taking
     * the stretch from the ring later instead lost it to a busy symbol whose ring moved on by a few
     * updates between the subscribe and the writer (a resume from near the ring's oldest end).
     * A stretch of more than {@code budget} quotes is left to the writer.
     */
    List<Quote> replayFromRing(String symbol, long afterSeq, List<Quote> stored, int budget) {
        long after = stored.isEmpty() ? afterSeq : stored.getLast().seq();
        long latest = book.latest(symbol).map(Quote::seq).orElse(after);
        if (latest - after > budget) {
            return stored;
        }
        Replay ring = book.since(symbol, after).orElse(null);
        if (ring == null || !ring.complete() || ring.quotes().isEmpty()) {
            return stored;
        }
        if (stored.isEmpty()) {
            return ring.quotes();
        }
        List<Quote> joined = new ArrayList<>(stored.size() + ring.quotes().size());
        joined.addAll(stored);
        joined.addAll(ring.quotes());
        return joined;
    }

    /**
     * Counts {@code symbol} among the upstream symbols of {@code connection}'s subject before it is
     * subscribed; false when the subject's {@code upstreamSymbols} limit refuses it (it would open
     * one more upstream subscription). Subscribe time only; the updates' path is not touched.
     */
    boolean holdUpstream(Connection connection, String symbol) {
        ConnectionGrant access = connection.access();
        SubjectAccount account = access == null ? null : access.account();
        if (account == null || !interest.streamsUpstream(symbol)) {
            return true;
        }
        return account.holdUpstream(symbol, !bySymbol.containsKey(symbol), access.limits().upstreamSymbols());
    }

    /** Stops routing {@code symbol} to {@code connection} (its reference count drops). */
    void release(Connection connection, String symbol) {
        SubjectAccount account = connection.account();
        if (account != null) {
            account.releaseUpstream(symbol);
        }
        bySymbol.computeIfPresent(symbol, (s, current) -> {
            Connection[] rest = Subscribers.minus(current, connection);
            if (rest == null) {
                interest.lastSubscriberGone(s);
            }
            return rest; // null removes the mapping
        });
    }

    /**
     * Whether {@code symbol}, just subscribed to by a client, is left without its upstream stream
     * because the provider's cap is reached: the client stays subscribed to what other providers
     * publish, and the session tells it ({@code upstream_limit}). Counted as a refusal each time.
     */
    public boolean refusedUpstream(String symbol) {
        return interest.refusedUpstream(symbol);
    }

    /** Connections subscribed to {@code symbol}: its reference count. */
    public int subscriberCount(String symbol) {
        return bySymbol.getOrDefault(symbol, Subscribers.NONE).length;
    }

    /**
     * Tells every subscriber of {@code latest}'s symbol that speaks the native protocol that the
     * symbol has had no update for the hub's stale-after time ({@link NativeMessages#stale}); the
     * seed formats' clients know no such message and get none. Any thread.
     *
     * @return connections told
     */
    public int announceStale(Quote latest) {
        byte[] message = NativeMessages.stale(latest);
        int told = 0;
        for (Connection[] subscribers : new Connection[][] {bySymbol.getOrDefault(latest.symbol(), Subscribers.NONE), everySymbol}) {
            for (Connection connection : subscribers) {
                if (connection.sendsNativeMessages() && connection.send(message)) {
                    told++;
                }
            }
        }
        return told;
    }

    /** Runs {@link Connection#tick} on every connection (heartbeats, ping and slow-consumer timeouts). */
    public void tick() {
        for (Connection connection : connections) {
            connection.tick();
        }
    }

    /**
     * Only what must happen sooner than {@link #tick}'s checks: a connection whose {@code maxRate}
     * holds updates gets a drain to release the ones now due. Only those connections are visited:
     * a field read on every connection ten times a second was a cache miss each (10,000 idle
     * connections), where {@link #tick} costs about half a microsecond per connection.
     */
    public void releaseHeld() {
        for (Connection connection : holding) {
            connection.releaseHeld();
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
        int total = everySymbol.length;
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
