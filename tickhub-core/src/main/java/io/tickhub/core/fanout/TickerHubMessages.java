package io.tickhub.core.fanout;

import io.tickhub.core.book.FirstAndLatest;
import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.util.Collection;

/**
 * System A's {@code /ws/prices} frames: records keyed by symbol, each record the same as
 * {@code GET /tickers/{symbol}}: {@code price}, {@code marketTime} (provider time),
 * {@code publishedTime} (hub time, a valid instant: the original wrote {@code +00:00Z}) and
 * {@code meta} with name, currency, the change since the previous session's close (the first price
 * until the hub has seen one) and the market's state when the price was made.
 */
public final class TickerHubMessages {

    private TickerHubMessages() {
    }

    /** One symbol's record: {@code {"AAPL":{...}}}. */
    public static byte[] update(Instrument instrument, Quote quote, double reference) {
        StringBuilder out = new StringBuilder(320).append('{');
        entry(out, instrument, quote, reference);
        return Json.utf8(out.append('}'));
    }

    /** A snapshot of several symbols in one object; {@code {}} when there are none. */
    public static byte[] snapshot(Collection<Entry> records) {
        StringBuilder out = new StringBuilder(16 + records.size() * 300).append('{');
        for (Entry e : records) {
            entry(out, e.instrument(), e.ends().latest(), e.ends().reference());
        }
        return Json.utf8(out.append('}'));
    }

    /** What a snapshot holds of one symbol. */
    public record Entry(Instrument instrument, FirstAndLatest ends) {
    }

    private static void entry(StringBuilder out, Instrument instrument, Quote quote, double reference) {
        Json.field(out, quote.symbol()).append('{');
        Json.field(out, "price");
        Json.number(out, quote.price());
        Json.field(out, "marketTime");
        Json.string(out, Timestamps.iso(quote.providerTime()));
        Json.field(out, "publishedTime");
        Json.string(out, Timestamps.iso(quote.hubTime()));
        Json.field(out, "meta").append('{');
        Json.field(out, "symbol");
        Json.string(out, quote.symbol());
        Json.field(out, "name");
        Json.string(out, instrument.name());
        Json.field(out, "currency");
        Json.string(out, instrument.currency());
        Json.field(out, "price");
        Json.number(out, quote.price());
        NativeMessages.change(out, reference, quote.price());
        Json.field(out, "marketState");
        Json.string(out, ExchangeCalendar.NYSE.stateAt(quote.providerTime()).name());
        out.append("}}");
    }
}
