package io.tickhub.core.fanout;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;

/**
 * Encodes market messages for every wire format. One instance per hub, shared by the fan-out and
 * every connection's writer; stateless apart from the instrument names system A's records carry.
 *
 * <p>How an update is delivered changes its bytes: a snapshot says {@code snapshot:true}, a
 * conflated one {@code conflated:n}. On SSE only live updates, delivered in the hub's global
 * order, carry an {@code id}: a snapshot, a replay or a conflated update is written out of that
 * order, and an id on it could let {@code Last-Event-ID} skip over something not yet delivered.
 * A live update's SSE id is {@code SYMBOL:seq@epoch} (see {@link LastEventId}).
 */
public final class MarketEncoder {

    private final InstrumentRegistry instruments;
    private final StreamEpoch epoch;
    /** {@code @epoch}, appended to every SSE id. */
    private final String idSuffix;

    /** @param epoch the stream epoch the seqs belong to; SSE ids carry it */
    public MarketEncoder(InstrumentRegistry instruments, StreamEpoch epoch) {
        this.instruments = instruments;
        this.epoch = epoch;
        this.idSuffix = "@" + epoch.id();
    }

    /** The epoch of every seq this hub sends. */
    public StreamEpoch epoch() {
        return epoch;
    }

    /** An update as it happens, in hub order. */
    public byte[] live(WireFormat format, Quote quote, double reference) {
        return encode(format, quote, reference, false, 0, true);
    }

    /** The latest update of a symbol standing for {@code skipped} older ones the client did not get. */
    public byte[] conflated(WireFormat format, Quote quote, double reference, long skipped) {
        return encode(format, quote, reference, false, skipped, false);
    }

    /** The symbol's latest value, first thing after a subscribe. */
    public byte[] snapshot(WireFormat format, Quote quote, double reference) {
        return encode(format, quote, reference, true, 0, false);
    }

    /** A past update replayed for a {@code resume}. */
    public byte[] replayed(WireFormat format, Quote quote, double reference) {
        return encode(format, quote, reference, false, 0, false);
    }

    /** A control message (reply, error, heartbeat) in {@code format}'s framing. */
    public byte[] control(WireFormat format, byte[] json) {
        return format.isSse() ? SseFrames.wrap(json, format == WireFormat.SSE_NAMED) : json;
    }

    InstrumentRegistry instruments() {
        return instruments;
    }

    private byte[] encode(WireFormat format, Quote quote, double reference, boolean snapshot, long conflated,
                          boolean inOrder) {
        return switch (format) {
            case NATIVE -> NativeMessages.priceUpdate(quote, reference, snapshot, conflated);
            case COMPACT -> NativeMessages.compactUpdate(quote, snapshot, conflated);
            case PRICE_SYSTEM -> NativeMessages.priceSystemUpdate(quote);
            case TICKER_HUB -> TickerHubMessages.update(instruments.describe(quote.symbol()), quote, reference);
            case SSE, SSE_NAMED -> SseFrames.event(format == WireFormat.SSE_NAMED ? "price_update" : null,
                    inOrder ? quote.symbol() + ":" + quote.seq() + idSuffix : null,
                    NativeMessages.priceUpdate(quote, reference, snapshot, conflated));
        };
    }
}
