package io.tickhub.core.journal;

import io.tickhub.core.quote.Quote;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The 128-byte journal record of one {@link Quote}, little-endian:
 *
 * <pre>
 *   0 seq (8)            written last, with release semantics: a record whose seq is 0 was never committed
 *   8 hub time (8)       epoch microseconds
 *  16 provider time (8)  epoch seconds
 *  24 price, 32 bid, 40 ask, 48 volume (8 each; bid/ask NaN when not reported)
 *  56 CRC32C (4)         over bytes 0..55 and 60..127, seq included
 *  60 provider time (4)  nanos of the second
 *  64 provider id (2)    index into {@link ProviderNames}
 *  66 raw id length (1)  0xFF when the quote names no raw payload
 *  67 (reserved)
 *  68 raw id (60)        ASCII
 * </pre>
 *
 * The symbol is not in the record: each symbol has files of its own.
 */
final class TickRecord {

    static final int SIZE = 128;
    static final int RAW_ID_MAX = 60;

    private static final int HUB_MICROS = 8;
    private static final int PROVIDER_SECONDS = 16;
    private static final int PRICE = 24;
    private static final int BID = 32;
    private static final int ASK = 40;
    private static final int VOLUME = 48;
    private static final int CRC = 56;
    private static final int PROVIDER_NANOS = 60;
    private static final int PROVIDER_ID = 64;
    private static final int RAW_ID_LENGTH = 66;
    private static final int RAW_ID = 68;
    private static final int NO_RAW_ID = 0xFF;

    private static final VarHandle BUFFER_LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TickRecord() {
    }

    /**
     * Encodes {@code quote} into {@code scratch} (SIZE bytes, reused by the one writer), CRC included.
     *
     * @throws IllegalArgumentException when the raw id is longer than {@link #RAW_ID_MAX} or not ASCII
     */
    static void encode(Quote quote, int providerId, ByteBuffer scratch) {
        scratch.clear();
        scratch.putLong(0, quote.seq());
        scratch.putLong(HUB_MICROS, quote.hubTimeMicros());
        scratch.putLong(PROVIDER_SECONDS, quote.providerTime().getEpochSecond());
        scratch.putDouble(PRICE, quote.price());
        scratch.putDouble(BID, quote.bid() == null ? Double.NaN : quote.bid());
        scratch.putDouble(ASK, quote.ask() == null ? Double.NaN : quote.ask());
        scratch.putDouble(VOLUME, quote.volume());
        scratch.putInt(PROVIDER_NANOS, quote.providerTime().getNano());
        scratch.putShort(PROVIDER_ID, (short) providerId);
        String rawId = quote.rawId();
        Arrays.fill(scratch.array(), RAW_ID, SIZE, (byte) 0);
        if (rawId == null) {
            scratch.put(RAW_ID_LENGTH, (byte) NO_RAW_ID);
        } else {
            byte[] ascii = rawId.getBytes(StandardCharsets.US_ASCII);
            if (ascii.length > RAW_ID_MAX || !new String(ascii, StandardCharsets.US_ASCII).equals(rawId)) {
                throw new IllegalArgumentException("a raw payload id is at most " + RAW_ID_MAX + " ASCII characters: " + rawId);
            }
            scratch.put(RAW_ID_LENGTH, (byte) ascii.length);
            scratch.put(RAW_ID, ascii);
        }
        scratch.put(67, (byte) 0);
        scratch.putInt(CRC, 0);
        scratch.putInt(CRC, crc(scratch));
    }

    /**
     * Copies an encoded record into the journal at {@code offset}: everything but the seq first,
     * then the seq with a release store, so no reader (nor a restart after the process is killed
     * mid-copy) sees a seq whose fields are not all there.
     */
    static void commit(ByteBuffer scratch, ByteBuffer journal, int offset) {
        journal.put(offset + 8, scratch, 8, SIZE - 8);
        BUFFER_LONGS.setRelease(journal, offset, scratch.getLong(0));
    }

    /** The committed seq at {@code offset}, 0 when nothing was committed there. */
    static long seq(ByteBuffer journal, int offset) {
        return (long) BUFFER_LONGS.getAcquire(journal, offset);
    }

    static long hubMicros(ByteBuffer journal, int offset) {
        return journal.getLong(offset + HUB_MICROS);
    }

    static int providerId(ByteBuffer journal, int offset) {
        return Short.toUnsignedInt(journal.getShort(offset + PROVIDER_ID));
    }

    /** Whether the record at {@code offset} is whole: its CRC matches. */
    static boolean intact(ByteBuffer journal, int offset) {
        ByteBuffer copy = copyOf(journal, offset);
        int stored = copy.getInt(CRC);
        copy.putInt(CRC, 0);
        return crc(copy) == stored;
    }

    static Quote decode(ByteBuffer journal, int offset, String symbol, ProviderNames providers) {
        ByteBuffer r = copyOf(journal, offset);
        double bid = r.getDouble(BID);
        double ask = r.getDouble(ASK);
        int rawLength = Byte.toUnsignedInt(r.get(RAW_ID_LENGTH));
        String rawId = null;
        if (rawLength != NO_RAW_ID) {
            byte[] ascii = new byte[rawLength];
            r.get(RAW_ID, ascii);
            rawId = new String(ascii, StandardCharsets.US_ASCII);
        }
        long hubMicros = r.getLong(HUB_MICROS);
        return new Quote(symbol, r.getDouble(PRICE), Double.isNaN(bid) ? null : bid, Double.isNaN(ask) ? null : ask,
                r.getDouble(VOLUME), providers.name(Short.toUnsignedInt(r.getShort(PROVIDER_ID))),
                Instant.ofEpochSecond(r.getLong(PROVIDER_SECONDS), r.getInt(PROVIDER_NANOS)),
                Instant.ofEpochSecond(Math.floorDiv(hubMicros, 1_000_000L), Math.floorMod(hubMicros, 1_000_000L) * 1_000L),
                r.getLong(0), rawId);
    }

    private static ByteBuffer copyOf(ByteBuffer journal, int offset) {
        ByteBuffer copy = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        journal.get(offset, copy.array(), 0, SIZE);
        return copy;
    }

    private static int crc(ByteBuffer record) {
        CRC32C crc = new CRC32C();
        crc.update(record.array(), record.arrayOffset(), SIZE);
        return (int) crc.getValue();
    }
}
