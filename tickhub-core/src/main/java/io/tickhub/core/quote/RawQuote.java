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
 */
public record RawQuote(
        String symbol,
        double price,
        Double bid,
        Double ask,
        double volume,
        String provider,
        Instant providerTime) {

    /** A last-price-only observation (no bid/ask, no volume), as most polling APIs give. */
    public static RawQuote lastPrice(String symbol, double price, String provider, Instant providerTime) {
        return new RawQuote(symbol, price, null, null, 0, provider, providerTime);
    }
}
