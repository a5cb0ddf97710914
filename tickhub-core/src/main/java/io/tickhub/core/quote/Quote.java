package io.tickhub.core.quote;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted price update. Immutable: it is shared by every thread that reads the book,
 * the fan-out and the store without copying.
 *
 * <p>A class rather than a record so that it is one object, not five: quotes wait in queues, the
 * store writer's batches and the connections' conflation, and a young collection copies every one
 * still held. Bid and ask are kept as {@code double} (NaN for none) and the two times as seconds
 * and nanoseconds; the accessors return the boxed and {@link Instant} values, made on each call,
 * which die young (a live 15,000/s hub held 61 MB in quotes as records, about 139 B and five
 * objects each, when the book's rings still held quote objects).
 *
 * <p>The components: {@code symbol}, normalised ({@link Symbols#normalize}); {@code price}, last
 * price, finite and &gt; 0; {@code bid} and {@code ask}, or {@code null} when the provider does not
 * report them (a NaN given for either reads back as {@code null}); {@code volume} of this update (trade size or interval volume), &ge; 0; {@code provider}
 * that produced it ({@code simulator}, {@code yfinance}, ...); {@code providerTime}, when the provider
 * says the price was observed; {@code hubTime}, when the hub accepted it (microsecond precision);
 * {@code seq}, per symbol: 1 for the first accepted update, +1 for each one after; {@code rawId} of
 * the raw provider payload it was read from (audit), or {@code null}.
 */
public final class Quote {

    private final String symbol;
    private final double price;
    private final double bid;
    private final double ask;
    private final double volume;
    private final String provider;
    private final long providerSecond;
    private final int providerNano;
    private final long hubSecond;
    private final int hubNano;
    private final long seq;
    private final String rawId;

    public Quote(String symbol, double price, Double bid, Double ask, double volume, String provider,
                 Instant providerTime, Instant hubTime, long seq, String rawId) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerTime, "providerTime");
        Objects.requireNonNull(hubTime, "hubTime");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        this.symbol = symbol;
        this.price = price;
        this.bid = bid == null ? Double.NaN : bid;
        this.ask = ask == null ? Double.NaN : ask;
        this.volume = volume;
        this.provider = provider;
        this.providerSecond = providerTime.getEpochSecond();
        this.providerNano = providerTime.getNano();
        this.hubSecond = hubTime.getEpochSecond();
        this.hubNano = hubTime.getNano();
        this.seq = seq;
        this.rawId = rawId;
    }

    /** A quote with no raw payload behind it. */
    public Quote(String symbol, double price, Double bid, Double ask, double volume, String provider,
                 Instant providerTime, Instant hubTime, long seq) {
        this(symbol, price, bid, ask, volume, provider, providerTime, hubTime, seq, null);
    }

    public String symbol() {
        return symbol;
    }

    public double price() {
        return price;
    }

    public Double bid() {
        return Double.isNaN(bid) ? null : bid;
    }

    public Double ask() {
        return Double.isNaN(ask) ? null : ask;
    }

    /** {@link #bid()} unboxed: NaN for none. */
    public double bidOrNaN() {
        return bid;
    }

    /** {@link #ask()} unboxed: NaN for none. */
    public double askOrNaN() {
        return ask;
    }

    public double volume() {
        return volume;
    }

    public String provider() {
        return provider;
    }

    public Instant providerTime() {
        return Instant.ofEpochSecond(providerSecond, providerNano);
    }

    public Instant hubTime() {
        return Instant.ofEpochSecond(hubSecond, hubNano);
    }

    /** {@link #providerTime()}'s seconds, without making the {@link Instant}. */
    public long providerEpochSecond() {
        return providerSecond;
    }

    public int providerNanoOfSecond() {
        return providerNano;
    }

    /** {@link #hubTime()}'s seconds, without making the {@link Instant}. */
    public long hubEpochSecond() {
        return hubSecond;
    }

    public int hubNanoOfSecond() {
        return hubNano;
    }

    public long seq() {
        return seq;
    }

    public String rawId() {
        return rawId;
    }

    /** Hub acceptance time in epoch microseconds, the {@code ts} of the streaming protocol. */
    public long hubTimeMicros() {
        return Timestamps.micros(hubSecond, hubNano);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quote q
                && seq == q.seq
                && Double.compare(price, q.price) == 0
                && Double.compare(bid, q.bid) == 0
                && Double.compare(ask, q.ask) == 0
                && Double.compare(volume, q.volume) == 0
                && providerSecond == q.providerSecond && providerNano == q.providerNano
                && hubSecond == q.hubSecond && hubNano == q.hubNano
                && symbol.equals(q.symbol)
                && provider.equals(q.provider)
                && Objects.equals(rawId, q.rawId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, price, bid, ask, volume, provider, providerSecond, providerNano, hubSecond, hubNano,
                seq, rawId);
    }

    @Override
    public String toString() {
        return "Quote[symbol=" + symbol + ", price=" + price + ", bid=" + bid() + ", ask=" + ask() + ", volume=" + volume
                + ", provider=" + provider + ", providerTime=" + providerTime() + ", hubTime=" + hubTime() + ", seq=" + seq
                + ", rawId=" + rawId + "]";
    }
}
