package io.tickhub.core.bus;

import io.tickhub.core.quote.RawQuote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The bytes of a provider's {@link RawQuote} handed from one ingest node to another (the node
 * that sequences its symbol). Binary, so the owner sequences exactly what the provider reported:
 * doubles bit for bit (also a NaN, which the owner then refuses as the sender would have),
 * instants to the nanosecond, null bid, ask and raw id kept as null. About 50 bytes.
 *
 * <p>Layout, big-endian: version byte ({@value #VERSION}), flags byte (bid, ask, raw id, provider
 * time present), symbol as the provider gave it (modified UTF-8), price, [bid], [ask], volume
 * (raw double bits), provider (UTF), [provider time (epoch seconds long, nanos int)], [raw id
 * (UTF)]. A reader refuses a version it does not know rather than guess.
 */
public final class RawQuoteCodec {

    static final byte VERSION = 1;
    private static final int HAS_BID = 1;
    private static final int HAS_ASK = 2;
    private static final int HAS_RAW_ID = 4;
    private static final int HAS_PROVIDER_TIME = 8;

    private RawQuoteCodec() {
    }

    public static byte[] encode(RawQuote quote) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte((quote.bid() != null ? HAS_BID : 0) | (quote.ask() != null ? HAS_ASK : 0)
                    | (quote.rawId() != null ? HAS_RAW_ID : 0) | (quote.providerTime() != null ? HAS_PROVIDER_TIME : 0));
            out.writeUTF(quote.symbol());
            writeDouble(out, quote.price());
            if (quote.bid() != null) {
                writeDouble(out, quote.bid());
            }
            if (quote.ask() != null) {
                writeDouble(out, quote.ask());
            }
            writeDouble(out, quote.volume());
            out.writeUTF(quote.provider());
            if (quote.providerTime() != null) {
                out.writeLong(quote.providerTime().getEpochSecond());
                out.writeInt(quote.providerTime().getNano());
            }
            if (quote.rawId() != null) {
                out.writeUTF(quote.rawId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The quote, or an {@link IllegalArgumentException} for bytes that are not one. */
    public static RawQuote decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown raw quote encoding version " + version);
            }
            int flags = in.readByte();
            String symbol = in.readUTF();
            double price = readDouble(in);
            Double bid = (flags & HAS_BID) != 0 ? readDouble(in) : null;
            Double ask = (flags & HAS_ASK) != 0 ? readDouble(in) : null;
            double volume = readDouble(in);
            String provider = in.readUTF();
            Instant providerTime = (flags & HAS_PROVIDER_TIME) != 0 ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
            String rawId = (flags & HAS_RAW_ID) != 0 ? in.readUTF() : null;
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the quote");
            }
            return new RawQuote(symbol, price, bid, ask, volume, provider, providerTime, rawId);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded raw quote (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** The raw bits: {@code writeDouble} would fold every NaN into one. */
    private static void writeDouble(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    private static double readDouble(DataInputStream in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }
}
