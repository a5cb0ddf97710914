package io.tickhub.server.http.api;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Timestamps;

/**
 * A quote in the native API: every field the hub knows, with {@code seq} and {@code ts} (hub
 * acceptance time in epoch microseconds) as in the streaming protocol, and whether the symbol's
 * feeds have gone quiet ({@code stale}: no expected provider delivered within k of its intervals).
 */
public record QuoteView(
        String symbol,
        long seq,
        long ts,
        double price,
        Double bid,
        Double ask,
        double volume,
        double change,
        double changePercent,
        String provider,
        String providerTime,
        String hubTime,
        boolean stale) {

    static QuoteView of(Quote first, Quote latest, boolean stale) {
        PriceChange change = PriceChange.between(first, latest);
        return new QuoteView(latest.symbol(), latest.seq(), latest.hubTimeMicros(), latest.price(), latest.bid(),
                latest.ask(), latest.volume(), change.change(), change.changePercent(), latest.provider(),
                Timestamps.iso(latest.providerTime()), Timestamps.iso(latest.hubTime()), stale);
    }
}
