package io.tickhub.core.quote;

import java.time.Instant;

/**
 * A price as a provider reported it, before the hub validated and sequenced it.
 * Immutable; providers hand these to {@link io.tickhub.core.ingest.QuoteSink} from any thread.
 *
 * @param symbol       the provider's symbol, not yet normalised
 * @param price        last price
 * @param bid          best bid or {@code null}
 * @param ask          best ask or {@code null}
 * @param volume       volume, or 0 when unknown
 * @param provider     provider name
 * @param providerTime the provider's observation time
 * @param rawId        id of the stored {@link io.tickhub.core.store.RawPayload} this came from, or {@code null}
 */
public record RawQuote(
        String symbol,
        double price,
        Double bid,
        Double ask,
        double volume,
        String provider,
        Instant providerTime,
        String rawId) {

    /** A quote with no raw payload behind it (the simulator, replay, tests). */
    public RawQuote(String symbol, double price, Double bid, Double ask, double volume, String provider,
                    Instant providerTime) {
        this(symbol, price, bid, ask, volume, provider, providerTime, null);
    }

    /** The same observation, linked to the raw payload it was read from. */
    public RawQuote withRawId(String id) {
        return new RawQuote(symbol, price, bid, ask, volume, provider, providerTime, id);
    }

    /** A last-price-only observation (no bid/ask, no volume), as most polling APIs give. */
    public static RawQuote lastPrice(String symbol, double price, String provider, Instant providerTime) {
        return new RawQuote(symbol, price, null, null, 0, provider, providerTime);
    }
}
