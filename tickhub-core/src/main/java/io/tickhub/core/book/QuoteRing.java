package io.tickhub.core.book;

import io.tickhub.core.quote.Quote;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * A symbol's recent quotes held as rows of primitives rather than as {@link Quote} objects.
 * One writer ({@link #put}), any number of lock-free readers ({@link #get}).
 *
 * <p>Why not an array of quotes: a quote lives in the ring for tens of seconds (1,000 per symbol),
 * so every quote accepted since the last young collection was still referenced when it came, and
 * the collector copied it out of the young generation: at 15,000 quotes/s that was half of what
 * each young collection promoted and of its pause. The ring's slots are written in place; a quote
 * read back is made on the reader's thread and dies young there. A slot's primitives are one row
 * of eight longs (its seq, price, bid, ask, volume, both times' seconds, both nanos in one), so a
 * write touches one or two cache lines, not one per field; provider and raw id sit in a second
 * array of references.
 *
 * <p>Each slot is guarded by its seq, as a seqlock: the writer sets it to 0 (no quote has seq 0),
 * writes the fields, then publishes the quote's seq with a release store. A reader loads the seq
 * with acquire, reads the fields, then loads it again behind a load fence (as
 * {@link java.util.concurrent.locks.StampedLock#validate} does): the same seq twice means the
 * fields it read are that quote's, anything else that the writer lapped the slot meanwhile.
 *
 * <p>The slots start few and double up to the capacity as the symbol's seqs advance, so a symbol
 * that ticks once a minute does not reserve room for 1,000 quotes. The writer publishes a grown
 * set with a volatile write before the history publishes the quote that needed it; a reader that
 * still holds the old set reads quotes that the writer no longer changes.
 */
final class QuoteRing {

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int INITIAL_LENGTH = 16;
    /** Longs per slot, and where each field sits in the slot's row. */
    private static final int STRIDE = 8;
    private static final int SEQ = 0;
    private static final int PRICE = 1;
    private static final int BID = 2;
    private static final int ASK = 3;
    private static final int VOLUME = 4;
    private static final int PROVIDER_SECOND = 5;
    private static final int HUB_SECOND = 6;
    /** Provider nanos in the high half, hub nanos in the low: both are below 10^9 < 2^31. */
    private static final int NANOS = 7;

    private final String symbol;
    private final int capacity;
    /** The first seq put: the slots grow while the seqs since it outnumber them. */
    private final long startSeq;
    private volatile Slots slots;

    /** One set of slots; replaced, never resized, when the ring grows. */
    private record Slots(int length, long[] rows, String[] names) {
        Slots(int length) {
            this(length, new long[length * STRIDE], new String[length * 2]);
        }

        /** Where the slot of {@code seq} starts in {@link #rows}; its provider and raw id are at {@code row / 4} and one after. */
        int row(long seq) {
            return (int) (seq % length) * STRIDE;
        }
    }

    QuoteRing(String symbol, int capacity, long startSeq) {
        this.symbol = symbol;
        this.capacity = capacity;
        this.startSeq = startSeq;
        this.slots = new Slots(Math.min(capacity, INITIAL_LENGTH));
    }

    /** How many quotes the ring has room for now (tests). */
    int length() {
        return slots.length();
    }

    /** Writer only; seqs only increase. */
    void put(Quote quote) {
        Slots s = slots;
        long seq = quote.seq();
        if (s.length() < capacity && seq - startSeq >= s.length()) {
            s = grow(s, seq);
        }
        long[] rows = s.rows();
        int at = s.row(seq);
        LONGS.setOpaque(rows, at + SEQ, 0L);
        VarHandle.storeStoreFence(); // the slot reads as "being written" before any field changes
        rows[at + PRICE] = Double.doubleToRawLongBits(quote.price());
        rows[at + BID] = Double.doubleToRawLongBits(quote.bidOrNaN());
        rows[at + ASK] = Double.doubleToRawLongBits(quote.askOrNaN());
        rows[at + VOLUME] = Double.doubleToRawLongBits(quote.volume());
        rows[at + PROVIDER_SECOND] = quote.providerEpochSecond();
        rows[at + HUB_SECOND] = quote.hubEpochSecond();
        rows[at + NANOS] = ((long) quote.providerNanoOfSecond() << 32) | quote.hubNanoOfSecond();
        // The same provider string from one quote to the next: skipping the store spares the card mark.
        String[] names = s.names();
        int name = at / 4;
        if (names[name] != quote.provider()) {
            names[name] = quote.provider();
        }
        if (names[name + 1] != quote.rawId()) {
            names[name + 1] = quote.rawId();
        }
        LONGS.setRelease(rows, at + SEQ, seq);
    }

    /** The quote with {@code seq}, or null when the ring does not hold it (lapped, never written, or being written). */
    Quote get(long seq) {
        Slots s = slots;
        long[] rows = s.rows();
        int at = s.row(seq);
        if ((long) LONGS.getAcquire(rows, at + SEQ) != seq) {
            return null;
        }
        double price = Double.longBitsToDouble(rows[at + PRICE]);
        double bid = Double.longBitsToDouble(rows[at + BID]);
        double ask = Double.longBitsToDouble(rows[at + ASK]);
        double volume = Double.longBitsToDouble(rows[at + VOLUME]);
        long providerSecond = rows[at + PROVIDER_SECOND];
        long hubSecond = rows[at + HUB_SECOND];
        long nanos = rows[at + NANOS];
        String provider = s.names()[at / 4];
        String rawId = s.names()[at / 4 + 1];
        VarHandle.loadLoadFence(); // the fields are read before the seq is checked again
        if ((long) LONGS.getOpaque(rows, at + SEQ) != seq) {
            return null;
        }
        return new Quote(symbol, price, Double.isNaN(bid) ? null : bid, Double.isNaN(ask) ? null : ask, volume,
                provider, Instant.ofEpochSecond(providerSecond, nanos >>> 32),
                Instant.ofEpochSecond(hubSecond, nanos & 0xFFFF_FFFFL), seq, rawId);
    }

    /**
     * Doubles the slots (up to the capacity) until {@code seq} fits beside every seq since the
     * start, copies what they hold, and publishes them.
     */
    private Slots grow(Slots from, long seq) {
        int length = from.length();
        while (length < capacity && seq - startSeq >= length) {
            length = (int) Math.min(capacity, 2L * length);
        }
        Slots to = new Slots(length);
        for (int at = 0; at < from.rows().length; at += STRIDE) {
            // The writer's own slots: no one else writes them. Every seq they hold is below
            // startSeq + from.length (else they would have grown sooner), so no two share a slot here.
            long held = from.rows()[at + SEQ];
            if (held == 0) {
                continue;
            }
            int into = to.row(held);
            System.arraycopy(from.rows(), at, to.rows(), into, STRIDE);
            System.arraycopy(from.names(), at / 4, to.names(), into / 4, 2);
        }
        slots = to; // volatile: a reader that sees it sees what was copied into it
        return to;
    }
}
