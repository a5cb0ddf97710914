package io.tickhub.core.quote;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted price update. Immutable: it is shared by every thread that reads the book,
 * the fan-out and the store without copying.
 *
 * @param symbol       normalised symbol ({@link Symbols#normalize})
 * @param price        last price, finite and &gt; 0
 * @param bid          best bid, or {@code null} when the provider does not report one
 * @param ask          best ask, or {@code null} when the provider does not report one
 * @param volume       volume of this update (trade size or interval volume), &ge; 0
 * @param provider     name of the provider that produced it ({@code simulator}, {@code yfinance}, ...)
 * @param providerTime when the provider says the price was observed
 * @param hubTime      when the hub accepted it (microsecond precision)
 * @param seq          per-symbol sequence number: 1 for the first accepted update, +1 for each one after
 * @param rawId        id of the raw provider payload it was read from (audit), or {@code null}
 */
public record Quote(
        String symbol,
        double price,
        Double bid,
        Double ask,
        double volume,
        String provider,
        Instant providerTime,
        Instant hubTime,
        long seq,
        String rawId) {

    /** A quote with no raw payload behind it. */
    public Quote(String symbol, double price, Double bid, Double ask, double volume, String provider,
                 Instant providerTime, Instant hubTime, long seq) {
        this(symbol, price, bid, ask, volume, provider, providerTime, hubTime, seq, null);
    }

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerTime, "providerTime");
        Objects.requireNonNull(hubTime, "hubTime");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
    }

    /** Hub acceptance time in epoch microseconds, the {@code ts} of the streaming protocol. */
    public long hubTimeMicros() {
        return Timestamps.micros(hubTime);
    }
}
