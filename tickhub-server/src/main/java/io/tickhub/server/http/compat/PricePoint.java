package io.tickhub.server.http.compat;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Timestamps;

/** One point of system E's history: price rounded to cents, and when the hub accepted it. */
public record PricePoint(double value, String timestamp) {

    static PricePoint of(Quote quote) {
        return new PricePoint(PriceChange.cents(quote.price()), Timestamps.iso(quote.hubTime()));
    }
}
