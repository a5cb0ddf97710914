package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Timestamps;

/**
 * System E's ticker: prices rounded to cents; {@code initial_price} and {@code created_at} are
 * those of the first quote the hub accepted for the symbol.
 */
public record TickerView(
        String id,
        String name,
        @JsonProperty("current_price") double currentPrice,
        @JsonProperty("initial_price") double initialPrice,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    static TickerView of(Instrument instrument, Quote first, Quote latest) {
        return new TickerView(latest.symbol(), instrument.name(), PriceChange.cents(latest.price()),
                PriceChange.cents(first.price()), Timestamps.iso(first.hubTime()), Timestamps.iso(latest.hubTime()));
    }
}
