package io.tickhub.server.http.compat;

import io.tickhub.core.book.FirstAndLatest;
import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Timestamps;

/**
 * System A's ticker record: {@code {"price", "marketTime", "publishedTime", "meta": {...}}}.
 * {@code marketTime} is when the provider observed the price, {@code publishedTime} when the hub
 * accepted it (a valid instant; the original wrote {@code +00:00Z}), {@code meta.marketState} the
 * exchange's session ({@code PRE}, {@code REGULAR}, {@code POST}, {@code CLOSED}) when the price was made.
 */
public record TickerRecord(Double price, String marketTime, String publishedTime, Meta meta) {

    /** Any value may be {@code null}, as in the original. */
    public record Meta(String symbol, String name, String currency, Double price, Double change,
                       Double changePercent, String marketState) {
    }

    /** {@code change} is measured from the previous session's close (the first price until the hub has one). */
    static TickerRecord of(Instrument instrument, FirstAndLatest ends) {
        Quote latest = ends.latest();
        PriceChange change = PriceChange.between(ends.reference(), latest.price());
        return new TickerRecord(latest.price(), Timestamps.iso(latest.providerTime()),
                Timestamps.iso(latest.hubTime()),
                new Meta(latest.symbol(), instrument.name(), instrument.currency(), latest.price(), change.change(),
                        change.changePercent(), ExchangeCalendar.NYSE.stateAt(latest.providerTime()).name()));
    }
}
