package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The bytes of a {@link Quote} on a distributed bus (Kafka, Redis). Binary, so every field comes
 * back exactly as published: doubles bit for bit, seqs above 2^53, instants to the nanosecond,
 * null bid and ask. Typically about 80 bytes; the symbol is also the Kafka key.
 *
 * <p>Layout, big-endian: version byte ({@value #VERSION}), flags byte (bid present, ask present,
 * raw id present), symbol (modified UTF-8), price, [bid], [ask], volume (doubles), provider
 * (UTF), provider time and hub time (epoch seconds long, nanos int each), seq (long), [raw id
 * (UTF)]. A reader refuses a version it does not know rather than guess.
 */
public final class QuoteCodec {

    static final byte VERSION = 1;
    private static final int HAS_BID = 1;
    private static final int HAS_ASK = 2;
    private static final int HAS_RAW_ID = 4;

    private QuoteCodec() {
    }

    public static byte[] encode(Quote quote) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte((quote.bid() != null ? HAS_BID : 0) | (quote.ask() != null ? HAS_ASK : 0)
                    | (quote.rawId() != null ? HAS_RAW_ID : 0));
            out.writeUTF(quote.symbol());
            out.writeDouble(quote.price());
            if (quote.bid() != null) {
                out.writeDouble(quote.bid());
            }
            if (quote.ask() != null) {
                out.writeDouble(quote.ask());
            }
            out.writeDouble(quote.volume());
            out.writeUTF(quote.provider());
            writeInstant(out, quote.providerTime());
            writeInstant(out, quote.hubTime());
            out.writeLong(quote.seq());
            if (quote.rawId() != null) {
                out.writeUTF(quote.rawId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The quote, or an {@link IllegalArgumentException} for bytes that are not one. */
    public static Quote decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown quote encoding version " + version);
            }
            int flags = in.readByte();
            String symbol = in.readUTF();
            double price = in.readDouble();
            Double bid = (flags & HAS_BID) != 0 ? in.readDouble() : null;
            Double ask = (flags & HAS_ASK) != 0 ? in.readDouble() : null;
            double volume = in.readDouble();
            String provider = in.readUTF();
            Instant providerTime = readInstant(in);
            Instant hubTime = readInstant(in);
            long seq = in.readLong();
            String rawId = (flags & HAS_RAW_ID) != 0 ? in.readUTF() : null;
            return new Quote(symbol, price, bid, ask, volume, provider, providerTime, hubTime, seq, rawId);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded quote (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
