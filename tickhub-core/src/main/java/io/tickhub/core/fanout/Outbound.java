package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.Set;

/** What waits in a connection's outbound queue. Immutable: enqueued on one thread, written on another. */
sealed interface Outbound {

    /**
     * One accepted quote, encoded once per wire format in use and shared by every subscriber's
     * queue. The bus thread fills a format's bytes before the first subscriber of that format
     * gets the quote (the queue hand-off publishes them).
     */
    final class Market implements Outbound {
        private final Quote quote;
        private final double reference;
        private final byte[][] encoded = new byte[WireFormat.values().length][];

        /** @param reference the price its change is measured from */
        Market(Quote quote, double reference) {
            this.quote = quote;
            this.reference = reference;
        }

        Quote quote() {
            return quote;
        }

        double reference() {
            return reference;
        }

        /** Bus thread: encodes {@code format} if no subscriber needed it yet. */
        void encodeFor(WireFormat format, MarketEncoder encoder) {
            if (encoded[format.ordinal()] == null) {
                encoded[format.ordinal()] = encoder.live(format, quote, reference);
            }
        }

        byte[] bytes(WireFormat format) {
            return encoded[format.ordinal()];
        }
    }

    /**
     * A slow consumer's held update of a symbol, by seq (accepted at {@code hubMicros}; the writer
     * reads it back from the book), standing for {@code skipped} older ones.
     */
    record Conflated(String symbol, long seq, long hubMicros, long skipped) implements Outbound {
    }

    /** A message for this connection only (reply, error, pong), already encoded as JSON. */
    record Control(byte[] json) implements Outbound {
    }

    /** Send the symbol's latest value as a snapshot, read from the book when the writer gets here. */
    record Snapshot(String symbol) implements Outbound {
    }

    /**
     * System A's snapshot: the records of {@code only} (every symbol when null) in one frame,
     * read from the book when the writer gets here.
     */
    record SnapshotRecords(Set<String> only) implements Outbound {
    }

    /**
     * Replay the symbol's updates after {@code afterSeq}: first {@code taken}, the stretch taken when
     * the subscription was made (what the store had of it before the ring, then what the ring held),
     * then what the book's ring has gained since; or say they are gone and snapshot.
     */
    record Resume(String symbol, long afterSeq, List<Quote> taken) implements Outbound {
    }

    /**
     * A resume that must not replay: the client's seqs are of another stream epoch, or its position
     * could not be placed ({@code afterSeq} {@link ClientMessage.Subscribe#POSITION_UNKNOWN}).
     * Answered {@code recovered} with {@code complete:false}, then a snapshot.
     */
    record Unrecoverable(String symbol, long afterSeq) implements Outbound {
    }

    /** Forget what was sent for the symbol (after an unsubscribe), so a later subscribe gets a snapshot again. */
    record Forget(String symbol) implements Outbound {
    }

    /** From here on send at most one update of the symbol per {@code minIntervalMicros} (0: no limit). */
    record Throttle(String symbol, long minIntervalMicros) implements Outbound {
    }

    /**
     * The markers and replies one client message queues (its snapshots, resumes, maxRates,
     * forgets, current bars), in order, in one slot of the queue: however many symbols a subscribe
     * names, it cannot fill the queue and make a client that reads everything look slow. Never
     * holds a {@link Close}, a {@link Heartbeat} or market data.
     */
    record Several(List<Outbound> items) implements Outbound {
    }

    /** A {@code heartbeat} with the last seq sent per subscribed symbol, built by the writer. */
    record Heartbeat() implements Outbound {
    }

    /** Close the connection once everything before this has been written. */
    record Close(int code, String reason) implements Outbound {
    }
}
