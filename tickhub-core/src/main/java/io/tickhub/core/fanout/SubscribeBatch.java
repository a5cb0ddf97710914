package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The quote subscriptions and unsubscriptions of one client message on one connection, made on
 * that connection's thread. Every marker they need (snapshots, resumes, maxRates, forgets) goes
 * into the connection's queue as one item ({@link Outbound.Several}) at {@link #commit}, and only
 * then are the new symbols routed: so each marker still precedes every delta of its symbol, and
 * a subscribe of a thousand symbols takes one slot of the queue, not a thousand.
 *
 * <p>Unsubscribing takes effect at once (the bus stops offering the symbol); its {@code Forget}
 * marker goes out with the others at {@link #commit}. Every subscription is counted on the
 * connection as it is made ({@link Connection#subscriptionAdded}).
 */
public final class SubscribeBatch {

    private final FanOut fanOut;
    private final Connection connection;
    private final List<Outbound> markers = new ArrayList<>();
    private final List<String> toRoute = new ArrayList<>();
    private boolean routeEverySymbol;
    /** Symbols routed by {@link #commit} that the streaming provider's cap keeps out. */
    private final List<String> refusedUpstream = new ArrayList<>();
    /** Symbols not subscribed because their subject may open no more upstream symbols. */
    private final List<String> refusedForSubject = new ArrayList<>();

    /**
     * Quotes one batch takes from the ring for its resumes when it is made ({@link FanOut#replayFromRing}):
     * a message resuming a thousand symbols a whole ring back would otherwise hold a million quotes
     * at once until the writer reaches its markers. Past it, a resume's ring stretch is read by the
     * writer, as it was before.
     */
    static final int RING_TAKE_BUDGET = 16_384;

    private int ringTakeLeft;

    SubscribeBatch(FanOut fanOut, Connection connection) {
        this(fanOut, connection, RING_TAKE_BUDGET);
    }

    SubscribeBatch(FanOut fanOut, Connection connection, int ringTakeBudget) {
        this.fanOut = fanOut;
        this.connection = connection;
        this.ringTakeLeft = ringTakeBudget;
    }

    /**
     * Subscribes a symbol, starting with a resume after {@code resumeAfter} (first {@code stored},
     * what the book's ring no longer holds, then the ring's stretch as it is now), a snapshot, or nothing.
     *
     * @return false when it already was (nothing changed)
     */
    public boolean subscribe(String symbol, boolean snapshot, Long resumeAfter, List<Quote> stored) {
        Outbound first = resumeAfter != null ? resume(symbol, resumeAfter, stored)
                : snapshot ? new Outbound.Snapshot(symbol) : null;
        return subscribe(symbol, first);
    }

    /** A resume marker with what the ring holds now taken into it, within what is left of the budget. */
    private Outbound.Resume resume(String symbol, long resumeAfter, List<Quote> stored) {
        List<Quote> taken = fanOut.replayFromRing(symbol, resumeAfter, stored, ringTakeLeft);
        ringTakeLeft -= taken.size() - stored.size();
        return new Outbound.Resume(symbol, resumeAfter, taken);
    }

    /** Subscribes a symbol whose resume cannot be served (see {@link FanOut#subscribeUnrecoverable}). */
    public boolean subscribeUnrecoverable(String symbol, long resumeAfter) {
        return subscribe(symbol, new Outbound.Unrecoverable(symbol, resumeAfter));
    }

    private boolean subscribe(String symbol, Outbound first) {
        if (connection.isClosed() || connection.symbols().contains(symbol)) {
            return false;
        }
        if (!fanOut.holdUpstream(connection, symbol)) {
            refusedForSubject.add(symbol);
            return false;
        }
        // The instance the sequencer gives every quote of this symbol (interned), so the per-delivery
        // isSubscribed check matches by identity.
        connection.symbols().add(symbol.intern());
        connection.subscriptionAdded();
        if (first != null) {
            markers.add(first);
        }
        toRoute.add(symbol);
        return true;
    }

    /** Every symbol, present and future (see {@link FanOut#subscribeAll}). @return false when it already was */
    public boolean subscribeAll(boolean snapshot) {
        if (connection.isClosed() || connection.isWildcard()) {
            return false;
        }
        if (snapshot) {
            markers.add(new Outbound.SnapshotRecords(null));
        }
        connection.wildcard(true);
        connection.subscriptionAdded();
        routeEverySymbol = true;
        return true;
    }

    /** A snapshot of the records of {@code symbols} (system A's watchlist reply). */
    public void snapshotRecords(Set<String> symbols) {
        markers.add(new Outbound.SnapshotRecords(Set.copyOf(symbols)));
    }

    /** One update of {@code symbol} per {@code minIntervalMicros} from here on (0 lifts it). */
    public void throttle(String symbol, long minIntervalMicros) {
        markers.add(new Outbound.Throttle(symbol, minIntervalMicros));
    }

    /** @return false when it was not subscribed */
    public boolean unsubscribe(String symbol) {
        if (!connection.symbols().remove(symbol)) {
            return false;
        }
        fanOut.release(connection, symbol);
        connection.subscriptionRemoved();
        connection.dropHeld(symbol);
        markers.add(new Outbound.Forget(symbol));
        return true;
    }

    /** Ends {@code *}; subscriptions by name stay. @return false when it was not on every symbol */
    public boolean unsubscribeAll() {
        return fanOut.unsubscribeAll(connection);
    }

    /**
     * Symbols subscribed by {@link #commit} so far that have no upstream stream because the
     * provider's cap is reached (the session tells the client: {@code upstream_limit}).
     */
    public List<String> refusedUpstream() {
        return List.copyOf(refusedUpstream);
    }

    /**
     * Symbols this batch did not subscribe because the connection's subject holds its maximum of
     * upstream symbols (its {@code upstreamSymbols} limit): the session tells the client,
     * {@code upstream_limit}, and they are not subscribed.
     */
    public List<String> refusedForSubject() {
        return List.copyOf(refusedForSubject);
    }

    /** Queues the markers as one item, then routes the new subscriptions. */
    public void commit() {
        if (markers.size() == 1) {
            connection.enqueue(markers.getFirst());
        } else if (!markers.isEmpty()) {
            connection.enqueue(new Outbound.Several(List.copyOf(markers)));
        }
        markers.clear();
        for (String symbol : toRoute) {
            fanOut.route(connection, symbol);
            if (fanOut.refusedUpstream(symbol)) {
                refusedUpstream.add(symbol);
            }
        }
        toRoute.clear();
        if (routeEverySymbol) {
            fanOut.routeEverySymbol(connection);
            routeEverySymbol = false;
        }
    }
}
