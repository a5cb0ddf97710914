package io.tickhub.server.http.api;

import io.tickhub.core.book.FirstAndLatest;
import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.market.TradingDay;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;

/**
 * A quote in the native API: every field the hub knows, with {@code seq} and {@code ts} (hub
 * acceptance time in epoch microseconds) as in the streaming protocol, and whether the symbol's
 * feeds have gone quiet ({@code stale}: no expected provider delivered within k of its intervals).
 * {@code change} is measured from {@code previousClose}: the previous session's close, or the first
 * price the hub accepted until it has seen one. {@code marketState} is the exchange's session when
 * the price was made; {@code tradingDay} and the {@code day*} fields describe that price's trading day.
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
        double previousClose,
        String marketState,
        String tradingDay,
        double dayOpen,
        double dayHigh,
        double dayLow,
        double dayVolume,
        String provider,
        String providerTime,
        String hubTime,
        boolean stale) {

    static QuoteView of(FirstAndLatest ends, boolean stale) {
        Quote latest = ends.latest();
        TradingDay day = ends.day();
        double reference = ends.reference();
        PriceChange change = PriceChange.between(reference, latest.price());
        return new QuoteView(latest.symbol(), latest.seq(), latest.hubTimeMicros(), latest.price(), latest.bid(),
                latest.ask(), latest.volume(), change.change(), change.changePercent(), reference,
                ExchangeCalendar.NYSE.stateAt(latest.providerTime()).name(), day.day().toString(), day.open(),
                day.high(), day.low(), day.volume(), latest.provider(),
                Timestamps.iso(latest.providerTime()), Timestamps.iso(latest.hubTime()), stale);
    }
}
