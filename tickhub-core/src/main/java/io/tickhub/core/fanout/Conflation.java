package io.tickhub.core.fanout;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Queue;

/**
 * A slow connection's held updates: the latest per symbol, with how many it replaced.
 *
 * <p>Filled by the bus thread, emptied by the writer. Guarded by its own monitor: only the slow
 * path touches it, for nanoseconds, never across a socket write. "Caught up" and "take the next
 * held update" are both decided under that monitor together with the queue's emptiness, so the
 * two can never interleave: otherwise the writer could send a held update ahead of older ones
 * queued in between.
 */
final class Conflation {

    private final Queue<Outbound> queue;
    private final LinkedHashMap<String, Outbound.Conflated> held = new LinkedHashMap<>();

    Conflation(Queue<Outbound> queue) {
        this.queue = queue;
    }

    /**
     * Bus thread: holds {@code market} as its symbol's latest; true when it replaced an older one.
     * An update not newer than the one held (the same update offered again to a connection on
     * both {@code *} and the symbol) changes nothing and counts nothing.
     */
    boolean hold(Outbound.Market market) {
        synchronized (held) {
            Outbound.Conflated previous = held.get(market.quote().symbol());
            if (previous != null && market.quote().seq() <= previous.market().quote().seq()) {
                return false;
            }
            long skipped = previous == null ? 0 : previous.skipped() + 1;
            held.put(market.quote().symbol(), new Outbound.Conflated(market, skipped));
            return previous != null;
        }
    }

    /** True when nothing waits, neither queued nor held. */
    boolean caughtUp() {
        synchronized (held) {
            return queue.isEmpty() && held.isEmpty();
        }
    }

    /** Writer: the next held update, or null when there is none or the queue has refilled meanwhile. */
    Outbound.Conflated next() {
        synchronized (held) {
            if (!queue.isEmpty()) {
                return null; // older updates were queued after the writer's poll: they go first
            }
            Iterator<Outbound.Conflated> entries = held.values().iterator();
            if (!entries.hasNext()) {
                return null;
            }
            Outbound.Conflated next = entries.next();
            entries.remove();
            return next;
        }
    }

    /** Drops what is held of {@code symbol} (it was unsubscribed): a later subscription starts afresh. */
    void drop(String symbol) {
        synchronized (held) {
            held.remove(symbol);
        }
    }

    /** Drops everything held; returns how many updates that was. */
    int clear() {
        synchronized (held) {
            int n = held.size();
            held.clear();
            return n;
        }
    }
}
