package io.tickhub.core.fanout;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.quote.PriceChange;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encoders for the native protocol's server messages (docs/protocol.md). A {@code price_update}
 * is a strict superset of system D's: {@code type}, {@code symbol}, {@code data.price},
 * {@code data.volume}, {@code data.timestamp} (epoch millis) are where D's clients look.
 */
public final class NativeMessages {

    private NativeMessages() {
    }

    /**
     * {@code price_update} for {@code quote}. {@code reference} is the price {@code change} is measured
     * from; {@code snapshot} and {@code conflated} (when &gt; 0) add those fields.
     */
    public static byte[] priceUpdate(Quote quote, double reference, boolean snapshot, long conflated) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"type\":\"price_update\"");
        Json.field(out, "symbol");
        Json.string(out, quote.symbol());
        Json.field(out, "seq").append(quote.seq());
        Json.field(out, "ts").append(quote.hubTimeMicros());
        if (snapshot) {
            Json.field(out, "snapshot").append("true");
        }
        if (conflated > 0) {
            Json.field(out, "conflated").append(conflated);
        }
        Json.field(out, "data").append('{');
        Json.field(out, "price");
        Json.number(out, quote.price());
        Json.field(out, "volume");
        Json.number(out, quote.volume());
        Json.field(out, "timestamp").append(quote.providerTime().toEpochMilli());
        Json.field(out, "bid");
        Json.number(out, quote.bid());
        Json.field(out, "ask");
        Json.number(out, quote.ask());
        change(out, reference, quote.price());
        Json.field(out, "previousClose");
        Json.number(out, reference);
        Json.field(out, "marketState");
        Json.string(out, ExchangeCalendar.NYSE.stateAt(quote.providerTime()).name());
        Json.field(out, "provider");
        Json.string(out, quote.provider());
        out.append("}}");
        return Json.utf8(out);
    }

    /** Appends {@code "change"} and {@code "changePercent"} of {@code price} against {@code reference}. */
    static void change(StringBuilder out, double reference, double price) {
        PriceChange change = PriceChange.between(reference, price);
        Json.field(out, "change");
        Json.number(out, change.change());
        Json.field(out, "changePercent");
        Json.number(out, change.changePercent());
    }

    /** The plain text answer to system A's text {@code ping} (not JSON: it has a frame of its own). */
    public static byte[] textPong() {
        return "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The compact market message: {@code s} symbol, {@code q} seq, {@code ts} hub time (µs),
     * {@code p} price, {@code v} volume, {@code b}/{@code a} bid/ask when known, plus
     * {@code snapshot:true} and {@code conflated:n} as in {@code price_update}.
     */
    public static byte[] compactUpdate(Quote quote, boolean snapshot, long conflated) {
        StringBuilder out = new StringBuilder(96);
        out.append("{\"s\":");
        Json.string(out, quote.symbol());
        Json.field(out, "q").append(quote.seq());
        Json.field(out, "ts").append(quote.hubTimeMicros());
        Json.field(out, "p");
        Json.number(out, quote.price());
        Json.field(out, "v");
        Json.number(out, quote.volume());
        if (quote.bid() != null) {
            Json.field(out, "b");
            Json.number(out, quote.bid());
        }
        if (quote.ask() != null) {
            Json.field(out, "a");
            Json.number(out, quote.ask());
        }
        if (snapshot) {
            Json.field(out, "snapshot").append("true");
        }
        if (conflated > 0) {
            Json.field(out, "conflated").append(conflated);
        }
        out.append('}');
        return Json.utf8(out);
    }

    /** System E's frame: ticker id, price rounded to cents, hub time as ISO-8601 (as its REST history). */
    public static byte[] priceSystemUpdate(Quote quote) {
        StringBuilder out = new StringBuilder(112);
        out.append("{\"type\":\"price_update\",\"data\":{\"ticker_id\":");
        Json.string(out, quote.symbol());
        Json.field(out, "price");
        Json.number(out, PriceChange.cents(quote.price()));
        Json.field(out, "timestamp");
        Json.string(out, Timestamps.iso(quote.hubTime()));
        out.append("}}");
        return Json.utf8(out);
    }

    /** @param epoch the stream epoch: a client sends it back with a {@code resume} */
    public static byte[] connection(String clientId, long heartbeatMillis, String serverVersion,
                                    int maxSubscriptions, int maxMessagesPerSecond, int maxFrameBytes, StreamEpoch epoch) {
        return connection(clientId, heartbeatMillis, serverVersion, maxSubscriptions, maxMessagesPerSecond,
                maxFrameBytes, epoch, null);
    }

    /** @param auth {@code "required"} when the client must send {@code auth} first; null: no field */
    public static byte[] connection(String clientId, long heartbeatMillis, String serverVersion, int maxSubscriptions,
                                    int maxMessagesPerSecond, int maxFrameBytes, StreamEpoch epoch, String auth) {
        StringBuilder out = new StringBuilder(232);
        out.append("{\"type\":\"connection\",\"status\":\"connected\"");
        if (auth != null) {
            Json.field(out, "auth");
            Json.string(out, auth);
        }
        Json.field(out, "client_id");
        Json.string(out, clientId);
        Json.field(out, "epoch");
        Json.string(out, epoch.id());
        Json.field(out, "heartbeat_ms").append(heartbeatMillis);
        Json.field(out, "server");
        Json.string(out, serverVersion);
        Json.field(out, "limits").append('{');
        // max_symbols predates channels; it is the same bound, which every channel's symbols count toward.
        Json.field(out, "max_symbols").append(maxSubscriptions);
        Json.field(out, "max_subscriptions").append(maxSubscriptions);
        Json.field(out, "max_messages_per_second").append(maxMessagesPerSecond);
        Json.field(out, "max_frame_bytes").append(maxFrameBytes);
        out.append("}}");
        return Json.utf8(out);
    }

    /** A rejected symbol and why; {@code channel} when it was refused on that channel only, else null. */
    public record Rejection(String symbol, String reason, String channel) {
    }

    /**
     * Reply to subscribe/unsubscribe: {@code symbols} exactly as the client sent them (system D
     * echoes them), then what was accepted (normalised) and what was rejected with reasons.
     */
    public static byte[] subscription(String status, List<String> symbolsAsSent, Collection<String> accepted,
                                      List<Rejection> rejected, Collection<String> channels) {
        StringBuilder out = new StringBuilder(128);
        out.append("{\"type\":\"subscription\"");
        Json.field(out, "status");
        Json.string(out, status);
        Json.field(out, "symbols");
        strings(out, symbolsAsSent);
        Json.field(out, "accepted");
        strings(out, accepted);
        Json.field(out, "rejected").append('[');
        for (int i = 0; i < rejected.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('{');
            Json.field(out, "symbol");
            Json.string(out, rejected.get(i).symbol());
            Json.field(out, "reason");
            Json.string(out, rejected.get(i).reason());
            if (rejected.get(i).channel() != null) {
                Json.field(out, "channel");
                Json.string(out, rejected.get(i).channel());
            }
            out.append('}');
        }
        out.append(']');
        Json.field(out, "channels");
        strings(out, channels);
        out.append('}');
        return Json.utf8(out);
    }

    /** Reply to {@code list}: channel → symbols. */
    public static byte[] subscriptions(Map<String, ? extends Collection<String>> byChannel) {
        StringBuilder out = new StringBuilder(128);
        out.append("{\"type\":\"subscriptions\"");
        Json.field(out, "channels").append('{');
        for (Map.Entry<String, ? extends Collection<String>> e : byChannel.entrySet()) {
            Json.field(out, e.getKey());
            strings(out, e.getValue());
        }
        out.append("}}");
        return Json.utf8(out);
    }

    public static byte[] error(String code, String message) {
        StringBuilder out = new StringBuilder(96);
        out.append("{\"type\":\"error\"");
        Json.field(out, "code");
        Json.string(out, code);
        Json.field(out, "message");
        Json.string(out, message);
        out.append('}');
        return Json.utf8(out);
    }

    /** An {@code error} frame that names the {@code symbols} it is about, e.g. {@code upstream_limit}. */
    public static byte[] error(String code, String message, Collection<String> symbols) {
        StringBuilder out = new StringBuilder(96 + symbols.size() * 8);
        out.append("{\"type\":\"error\"");
        Json.field(out, "code");
        Json.string(out, code);
        Json.field(out, "message");
        Json.string(out, message);
        Json.field(out, "symbols");
        strings(out, symbols);
        out.append('}');
        return Json.utf8(out);
    }

    /** The {@code limit} tag of {@code tickhub.limits.refused} for symbols refused {@code upstream_limit}. */
    public static final String UPSTREAM_SYMBOLS_LIMIT = "upstream_symbols";

    /**
     * {@code upstream_limit}: the client is subscribed to {@code symbols}, but the streaming
     * provider's cap keeps them from being streamed upstream.
     */
    public static byte[] upstreamLimit(Collection<String> symbols) {
        return error("upstream_limit", "Not streamed from the upstream provider, whose cap on streamed symbols is reached: "
                + String.join(", ", symbols) + ". Still subscribed to what other providers publish; streamed when a slot frees",
                symbols);
    }

    /** {@code pong}, echoing the ping's {@code id} when it had one (any JSON value, passed through as text). */
    public static byte[] pong(String idJson) {
        return Json.utf8(idJson == null ? "{\"type\":\"pong\"}" : "{\"type\":\"pong\",\"id\":" + idJson + "}");
    }

    /**
     * The answer to a resume: seqs {@code from..to} were replayed ({@code complete}), or could not be
     * and a snapshot follows. {@code from} is 0 when the client's position could not be placed.
     */
    public static byte[] recovered(String symbol, long from, long to, boolean complete, StreamEpoch epoch) {
        StringBuilder out = new StringBuilder(128);
        out.append("{\"type\":\"recovered\"");
        Json.field(out, "symbol");
        Json.string(out, symbol);
        Json.field(out, "from").append(from);
        Json.field(out, "to").append(to);
        Json.field(out, "complete").append(complete);
        Json.field(out, "epoch");
        Json.string(out, epoch.id());
        out.append('}');
        return Json.utf8(out);
    }

    /** {@code heartbeat} with the last seq sent per subscribed symbol. */
    /**
     * {@code {"type":"stale","symbol":"AAPL","seq":41,"ts":...}}: no update of the symbol for the
     * hub's stale-after time; {@code seq}/{@code ts} are its latest update's. Its next update ends it.
     */
    public static byte[] stale(Quote latest) {
        StringBuilder out = new StringBuilder(96).append("{\"type\":\"stale\"");
        Json.string(Json.field(out, "symbol"), latest.symbol());
        Json.field(out, "seq").append(latest.seq());
        Json.field(out, "ts").append(Timestamps.micros(latest.hubTime()));
        return Json.utf8(out.append('}'));
    }

    public static byte[] heartbeat(long tsMicros, Map<String, Long> seqs) {
        StringBuilder out = new StringBuilder(64 + seqs.size() * 16);
        out.append("{\"type\":\"heartbeat\"");
        Json.field(out, "ts").append(tsMicros);
        Json.field(out, "seqs").append('{');
        for (Map.Entry<String, Long> e : seqs.entrySet()) {
            Json.field(out, e.getKey()).append(e.getValue());
        }
        out.append("}}");
        return Json.utf8(out);
    }

    private static void strings(StringBuilder out, Collection<String> values) {
        out.append('[');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.string(out, v);
        }
        out.append(']');
    }

}
