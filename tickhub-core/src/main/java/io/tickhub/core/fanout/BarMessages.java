package io.tickhub.core.fanout;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.quote.Timestamps;

/**
 * The native {@code bar} message:
 * {@code {"type":"bar","symbol":"AAPL","interval":"1m","data":{"t":"2026-11-21T14:30:00.000Z","o":..,"h":..,"l":..,"c":..,"v":..,"n":12,"closed":false}}}
 * ({@code t} the bar's start, {@code n} the updates in it), and {@code "revised":true} after
 * {@code closed} on a closed bar published again because a late tick changed it.
 */
public final class BarMessages {

    private BarMessages() {
    }

    public static byte[] bar(Bar bar) {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"type\":\"bar\"");
        Json.field(out, "symbol");
        Json.string(out, bar.symbol());
        Json.field(out, "interval");
        Json.string(out, bar.interval().code());
        Json.field(out, "data").append('{');
        Json.field(out, "t");
        Json.string(out, Timestamps.iso(bar.start()));
        Json.field(out, "o");
        Json.number(out, bar.open());
        Json.field(out, "h");
        Json.number(out, bar.high());
        Json.field(out, "l");
        Json.number(out, bar.low());
        Json.field(out, "c");
        Json.number(out, bar.close());
        Json.field(out, "v");
        Json.number(out, bar.volume());
        Json.field(out, "n").append(bar.count());
        Json.field(out, "closed").append(bar.closed());
        if (bar.revised()) {
            Json.field(out, "revised").append(true);
        }
        return Json.utf8(out.append("}}"));
    }
}
