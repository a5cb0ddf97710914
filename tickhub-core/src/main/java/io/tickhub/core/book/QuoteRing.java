package io.tickhub.core.book;

import io.tickhub.core.quote.Quote;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * A symbol's recent quotes held as columns of primitives rather than as {@link Quote} objects.
 * One writer ({@link #put}), any number of lock-free readers ({@link #get}).
 *
 * <p>Why not an array of quotes: a quote lives in the ring for tens of seconds (1,000 per symbol),
 * so every quote accepted since the last young collection was still referenced when it came, and
 * the collector copied it out of the young generation: at 15,000 quotes/s that was half of what
 * each young collection promoted and of its pause. Columns are written in place; a quote read back
 * is made on the reader's thread and dies young there.
 *
 * <p>Each slot is guarded by its seq, as a seqlock: the writer sets it to 0 (no quote has seq 0),
 * writes the columns, then publishes the quote's seq with a release store. A reader loads the seq
 * with acquire, reads the columns, then loads it again behind a load fence (as
 * {@link java.util.concurrent.locks.StampedLock#validate} does): the same seq twice means the
 * columns it read are that quote's, anything else that the writer lapped the slot meanwhile.
 *
 * <p>The columns start small and double up to the capacity as the symbol's seqs advance, so a
 * symbol that ticks once a minute does not reserve room for 1,000 quotes. The writer publishes a
 * grown set with a volatile write before the history publishes the quote that needed it; a reader
 * that still holds the old set reads quotes that the writer no longer changes.
 */
final class QuoteRing {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int INITIAL_LENGTH = 16;

    private final String symbol;
    private final int capacity;
    /** The first seq put: the columns grow while the seqs since it outnumber them. */
    private final long startSeq;
    private volatile Columns columns;

    /** One set of columns; replaced, never resized, when the ring grows. */
    private static final class Columns {
        final int length;
        final long[] seqs;
        final double[] prices;
        final double[] bids;
        final double[] asks;
        final double[] volumes;
        final long[] providerSeconds;
        final int[] providerNanos;
        final long[] hubSeconds;
        final int[] hubNanos;
        final String[] providers;
        final String[] rawIds;

        Columns(int length) {
            this.length = length;
            seqs = new long[length];
            prices = new double[length];
            bids = new double[length];
            asks = new double[length];
            volumes = new double[length];
            providerSeconds = new long[length];
            providerNanos = new int[length];
            hubSeconds = new long[length];
            hubNanos = new int[length];
            providers = new String[length];
            rawIds = new String[length];
        }

        int slot(long seq) {
            return (int) (seq % length);
        }
    }

    QuoteRing(String symbol, int capacity, long startSeq) {
        this.symbol = symbol;
        this.capacity = capacity;
        this.startSeq = startSeq;
        this.columns = new Columns(Math.min(capacity, INITIAL_LENGTH));
    }

    /** How many quotes the columns have room for now (tests). */
    int length() {
        return columns.length;
    }

    /** Writer only; seqs only increase. */
    void put(Quote quote) {
        Columns c = columns;
        long seq = quote.seq();
        if (c.length < capacity && seq - startSeq >= c.length) {
            c = grow(c, seq);
        }
        int i = c.slot(seq);
        SEQ.setOpaque(c.seqs, i, 0L);
        VarHandle.storeStoreFence(); // the slot reads as "being written" before any column changes
        c.prices[i] = quote.price();
        c.bids[i] = quote.bidOrNaN();
        c.asks[i] = quote.askOrNaN();
        c.volumes[i] = quote.volume();
        c.providerSeconds[i] = quote.providerEpochSecond();
        c.providerNanos[i] = quote.providerNanoOfSecond();
        c.hubSeconds[i] = quote.hubEpochSecond();
        c.hubNanos[i] = quote.hubNanoOfSecond();
        // The same provider string from one quote to the next: skipping the store spares the card mark.
        if (c.providers[i] != quote.provider()) {
            c.providers[i] = quote.provider();
        }
        if (c.rawIds[i] != quote.rawId()) {
            c.rawIds[i] = quote.rawId();
        }
        SEQ.setRelease(c.seqs, i, seq);
    }

    /** The quote with {@code seq}, or null when the ring does not hold it (lapped, never written, or being written). */
    Quote get(long seq) {
        Columns c = columns;
        int i = c.slot(seq);
        if ((long) SEQ.getAcquire(c.seqs, i) != seq) {
            return null;
        }
        double price = c.prices[i];
        double bid = c.bids[i];
        double ask = c.asks[i];
        double volume = c.volumes[i];
        long providerSecond = c.providerSeconds[i];
        int providerNano = c.providerNanos[i];
        long hubSecond = c.hubSeconds[i];
        int hubNano = c.hubNanos[i];
        String provider = c.providers[i];
        String rawId = c.rawIds[i];
        VarHandle.loadLoadFence(); // the columns are read before the seq is checked again
        if ((long) SEQ.getOpaque(c.seqs, i) != seq) {
            return null;
        }
        return new Quote(symbol, price, Double.isNaN(bid) ? null : bid, Double.isNaN(ask) ? null : ask, volume,
                provider, Instant.ofEpochSecond(providerSecond, providerNano), Instant.ofEpochSecond(hubSecond, hubNano),
                seq, rawId);
    }

    /**
     * Doubles the columns (up to the capacity) until {@code seq} fits beside every seq since the
     * start, copies what they hold, and publishes them.
     */
    private Columns grow(Columns from, long seq) {
        int length = from.length;
        while (length < capacity && seq - startSeq >= length) {
            length = (int) Math.min(capacity, 2L * length);
        }
        Columns to = new Columns(length);
        for (int i = 0; i < from.length; i++) {
            // The writer's own columns: no one else writes them. Every seq they hold is below
            // startSeq + from.length (else they would have grown sooner), so no two share a slot here.
            long held = from.seqs[i];
            if (held == 0) {
                continue;
            }
            int j = to.slot(held);
            to.seqs[j] = held;
            to.prices[j] = from.prices[i];
            to.bids[j] = from.bids[i];
            to.asks[j] = from.asks[i];
            to.volumes[j] = from.volumes[i];
            to.providerSeconds[j] = from.providerSeconds[i];
            to.providerNanos[j] = from.providerNanos[i];
            to.hubSeconds[j] = from.hubSeconds[i];
            to.hubNanos[j] = from.hubNanos[i];
            to.providers[j] = from.providers[i];
            to.rawIds[j] = from.rawIds[i];
        }
        columns = to; // volatile: a reader that sees it sees what was copied into it
        return to;
    }
}
