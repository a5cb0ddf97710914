package io.tickhub.core.testing;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import java.time.Instant;

/** Quotes for tests: fixed times, readable defaults, only what a test cares about as arguments. */
public final class QuoteFixtures {

    public static final String PROVIDER = "test";
    public static final Instant PROVIDER_TIME = Instant.parse("2025-01-02T14:29:59.500Z");
    public static final Instant HUB_TIME = Instant.parse("2025-01-02T14:30:00.000001Z");

    private QuoteFixtures() {
    }

    /** A sequenced quote of {@code symbol} with the given seq and a price derived from it. */
    public static Quote quote(String symbol, long seq) {
        return quote(symbol, seq, 100 + seq / 100.0);
    }

    public static Quote quote(String symbol, long seq, double price) {
        return new Quote(symbol, price, price - 0.01, price + 0.01, 100, PROVIDER, PROVIDER_TIME,
                HUB_TIME.plusNanos(seq * 1_000), seq);
    }

    /** A provider quote with no bid, ask or volume. */
    public static RawQuote raw(String symbol, double price) {
        return RawQuote.lastPrice(symbol, price, PROVIDER, PROVIDER_TIME);
    }

    public static RawQuote raw(String symbol, double price, Instant providerTime) {
        return RawQuote.lastPrice(symbol, price, PROVIDER, providerTime);
    }
}
