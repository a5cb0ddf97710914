package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Queue;

/**
 * A slow connection's held updates: per symbol, the seq of the latest and how many it replaced.
 * It holds no update itself: the writer reads it back from the book's ring when it catches up.
 * An update held here would live as long as the client stays behind, be promoted
 * by every young collection it outlives, and be replaced there again: for ten clients that read
 * nothing, collections paused up to twice as long (docs/performance.md, ninth sitting).
 *
 * <p>Filled by the bus thread, emptied by the writer. Guarded by its own monitor: only the slow
 * path touches it, for nanoseconds, never across a socket write. "Caught up" and "take the next
 * held update" are both decided under that monitor together with the queue's emptiness, so the
 * two can never interleave: otherwise the writer could send a held update ahead of older ones
 * queued in between.
 */
final class Conflation {

    private final Queue<Outbound> queue;
    /** Per symbol, in the order first held; entries change in place, so holding one more costs no allocation. */
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    /** Updates replaced since {@link #takeReplaced} last ran: counted here, reported off the bus thread's path. */
    private long replaced;

    /** A symbol's latest held update, by seq and hub time, and how many older ones it stands for; only touched under the monitor. */
    private static final class Held {
        final String symbol;
        long seq;
        long hubMicros;
        long skipped;

        Held(Quote quote) {
            this.symbol = quote.symbol();
            this.seq = quote.seq();
            this.hubMicros = quote.hubTimeMicros();
        }
    }

    Conflation(Queue<Outbound> queue) {
        this.queue = queue;
    }

    /**
     * Bus thread: holds {@code quote} as its symbol's latest, counting the one it replaces.
     * An update not newer than the one held (the same update offered again to a connection on
     * both {@code *} and the symbol) changes nothing and counts nothing.
     */
    void hold(Quote quote) {
        synchronized (held) {
            Held previous = held.get(quote.symbol());
            if (previous == null) {
                held.put(quote.symbol(), new Held(quote));
                return;
            }
            if (quote.seq() <= previous.seq) {
                return;
            }
            previous.seq = quote.seq();
            previous.hubMicros = quote.hubTimeMicros();
            previous.skipped++;
            replaced++;
        }
    }

    /** Older updates replaced by newer ones since the last call: what the conflation metric counts. */
    long takeReplaced() {
        synchronized (held) {
            long n = replaced;
            replaced = 0;
            return n;
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
            Iterator<Held> entries = held.values().iterator();
            if (!entries.hasNext()) {
                return null;
            }
            Held next = entries.next();
            entries.remove();
            return new Outbound.Conflated(next.symbol, next.seq, next.hubMicros, next.skipped);
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
