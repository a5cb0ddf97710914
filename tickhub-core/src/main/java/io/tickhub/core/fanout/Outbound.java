package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;

/** What waits in a connection's outbound queue. Immutable: enqueued on one thread, written on another. */
sealed interface Outbound {

    /**
     * One accepted quote, encoded once per wire format in use and shared by every subscriber's
     * queue. {@link #compact} is filled by the bus thread before the first compact subscriber's
     * queue gets it (the queue hand-off publishes it).
     */
    final class Market implements Outbound {
        private final Quote quote;
        private final double reference;
        private final byte[] json;
        byte[] compact;

        /**
         * @param reference the price its change is measured from
         * @param json      the native {@code price_update}
         */
        Market(Quote quote, double reference, byte[] json) {
            this.quote = quote;
            this.reference = reference;
            this.json = json;
        }

        Quote quote() {
            return quote;
        }

        double reference() {
            return reference;
        }

        byte[] json() {
            return json;
        }

        byte[] bytes(WireFormat format) {
            return format == WireFormat.COMPACT ? compact : json;
        }
    }

    /** A message for this connection only (reply, error, pong), already encoded. */
    record Control(byte[] json) implements Outbound {
    }

    /** Send the symbol's latest value as a snapshot, read from the book when the writer gets here. */
    record Snapshot(String symbol) implements Outbound {
    }

    /** Replay the symbol's updates after {@code afterSeq} from the book, or say they are gone and snapshot. */
    record Resume(String symbol, long afterSeq) implements Outbound {
    }

    /** Forget what was sent for the symbol (after an unsubscribe), so a later subscribe gets a snapshot again. */
    record Forget(String symbol) implements Outbound {
    }

    /** A {@code heartbeat} with the last seq sent per subscribed symbol, built by the writer. */
    record Heartbeat() implements Outbound {
    }

    /** Close the connection once everything before this has been written. */
    record Close(int code, String reason) implements Outbound {
    }
}
