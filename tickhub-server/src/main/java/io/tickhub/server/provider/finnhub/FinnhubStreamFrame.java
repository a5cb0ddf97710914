package io.tickhub.server.provider.finnhub;

import java.util.List;

/** One inbound text frame of Finnhub's trade stream, decoded. Immutable values. */
sealed interface FinnhubStreamFrame {

    /** One trade: symbol {@code s}, price {@code p}, time {@code t} (epoch ms), volume {@code v} (0 when absent). */
    record Trade(String symbol, double price, long epochMillis, double volume) {
    }

    /** {@code {"type":"trade","data":[...]}}; {@code skipped} counts entries that could not be read. */
    record Trades(List<Trade> trades, int skipped) implements FinnhubStreamFrame {
    }

    /** {@code {"type":"ping"}}: Finnhub's keep-alive. */
    record Ping() implements FinnhubStreamFrame {
    }

    /** {@code {"type":"error","msg":"..."}}: the upstream refused something (a subscription, usually). */
    record Error(String message) implements FinnhubStreamFrame {
    }

    /** Valid JSON of a type we do not use (Finnhub adds types over time): ignored, not an error. */
    record Other(String type) implements FinnhubStreamFrame {
    }

    /** Not JSON, or not the shape Finnhub promises. */
    record Malformed(String reason) implements FinnhubStreamFrame {
    }
}
