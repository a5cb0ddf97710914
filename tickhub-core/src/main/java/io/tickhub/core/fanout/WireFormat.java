package io.tickhub.core.fanout;

import java.util.Locale;

/** How a connection's market messages are encoded (chosen at connect: {@code ?format=}). */
public enum WireFormat {
    /** The full {@code price_update} (system D's superset): every field, self-describing. */
    NATIVE,
    /**
     * Short keys, market data only, about a third of the bytes:
     * {@code {"s":"AAPL","q":12,"ts":...,"p":230.27,"v":8700.0,"b":230.21,"a":230.33}}, for clients that pay
     * for every byte (phones, browsers with thousands of updates a second). Control messages are the same.
     */
    COMPACT,
    /**
     * System E's per-ticker stream ({@code /ws/{ticker_id}}):
     * {@code {"type":"price_update","data":{"ticker_id":"ITEM_01","price":123.45,"timestamp":"...Z"}}},
     * prices rounded to cents. Nothing else is sent on it: no replies, no {@code heartbeat} messages.
     */
    PRICE_SYSTEM,
    /**
     * System A's {@code /ws/prices}: each update is the symbol's whole record keyed by symbol,
     * {@code {"AAPL":{"price":..,"marketTime":..,"publishedTime":..,"meta":{..}}}}, the same record
     * as {@code GET /tickers}. No {@code heartbeat} messages (A's clients read every key as a symbol).
     */
    TICKER_HUB,
    /**
     * Server-Sent Events, the default: every native message as one unnamed event ({@code data:} its JSON,
     * whose {@code type} says what it is), so a browser's {@code EventSource} gets every message in
     * {@code onmessage}; live updates also carry {@code id: SYMBOL:seq@epoch} for {@code Last-Event-ID}
     * resume (see {@link MarketEncoder}).
     */
    SSE,
    /**
     * Server-Sent Events with {@code event:} naming each message by its type ({@code ?events=named}), for
     * clients that listen per type ({@code addEventListener("price_update", ...)}); otherwise as {@link #SSE}.
     */
    SSE_NAMED;

    /** Whether {@code heartbeat} messages go out on idle connections (pings always do). */
    public boolean sendsHeartbeats() {
        return speaksNativeProtocol();
    }

    /**
     * Whether the native protocol's own messages ({@code heartbeat}, {@code stale}, ...) go out: not
     * on the seed systems' formats, whose clients know only their own message types.
     */
    public boolean speaksNativeProtocol() {
        return this == NATIVE || this == COMPACT || isSse();
    }

    /** Whether this is one of the Server-Sent Events framings. */
    public boolean isSse() {
        return this == SSE || this == SSE_NAMED;
    }

    /** {@code native} / {@code compact} (the formats a client may ask for), case-insensitive; {@code null} for anything else. */
    public static WireFormat parse(String value) {
        if (value == null || value.isEmpty()) {
            return NATIVE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "native" -> NATIVE;
            case "compact" -> COMPACT;
            default -> null;
        };
    }
}
