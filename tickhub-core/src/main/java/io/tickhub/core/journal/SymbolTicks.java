package io.tickhub.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * One symbol's ticks: fixed-size {@link TickRecord}s in segment files of {@code capacity} records,
 * each mapped whole, in seq order. Single writer (the sequencer), any number of readers: a record
 * is written once, before {@link #count} is raised past it, and never changes after.
 *
 * <p>Disk space is claimed in {@value #ALLOCATION_STEP}-byte steps by writing zeros through the
 * file channel before the mapping is written to, so a full disk is an {@link IOException} on the
 * writer, never a {@code SIGBUS} in the middle of a memory write.
 */
final class SymbolTicks {

    static final int ALLOCATION_STEP = 1 << 18;
    private static final String SUFFIX = ".ticks";

    /** One segment file and its mapping; immutable once published (its contents grow). */
    private record Segment(long number, FileChannel channel, MappedByteBuffer buffer) {
    }

    final String symbol;
    private final Path dir;
    private final int capacity;
    private final long segmentBytes;

    private volatile Segment[] segments;
    /** One past the global index of the newest committed record. */
    private volatile long count;
    /** Writer only: seq of the newest record, and bytes of the newest segment claimed on disk. */
    private long lastSeq;
    private long allocated;

    private SymbolTicks(String symbol, Path dir, int capacity, Segment[] segments, long count, long lastSeq) {
        this.symbol = symbol;
        this.dir = dir;
        this.capacity = capacity;
        this.segmentBytes = (long) capacity * TickRecord.SIZE;
        this.segments = segments;
        this.count = count;
        this.lastSeq = lastSeq;
    }

    static SymbolTicks create(String symbol, Path dir, int capacity) throws IOException {
        Files.createDirectories(dir);
        return new SymbolTicks(symbol, dir, capacity, new Segment[0], 0, 0);
    }

    /**
     * Maps a symbol's segments and finds where its records end. A record cut short by a crash has
     * seq 0 (the seq is written last) and is not counted.
     */
    static SymbolTicks open(String symbol, Path dir, int capacity) throws IOException {
        List<Long> numbers;
        try (Stream<Path> files = Files.list(dir)) {
            numbers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - SUFFIX.length()))).sorted().toList();
        }
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) != numbers.get(i - 1) + 1) {
                throw new JournalException("segment " + (numbers.get(i - 1) + 1) + " of " + symbol + " is missing");
            }
        }
        List<Segment> mapped = new ArrayList<>();
        for (long n : numbers) {
            mapped.add(map(dir, n, capacity));
        }
        SymbolTicks ticks = new SymbolTicks(symbol, dir, capacity, mapped.toArray(Segment[]::new), 0, 0);
        if (!mapped.isEmpty()) {
            Segment last = mapped.getLast();
            long committed = firstUncommitted(last.buffer, capacity);
            if (committed == 0 && mapped.size() > 1) {
                // A segment created but never written: the previous one is where the records end.
                ticks.dropNewestSegment();
                last = mapped.get(mapped.size() - 2);
                committed = firstUncommitted(last.buffer, capacity);
            }
            ticks.count = last.number * capacity + committed;
            ticks.lastSeq = ticks.count > ticks.firstIndex() ? ticks.seqAt(ticks.count - 1) : 0;
            ticks.allocated = committed * TickRecord.SIZE; // claimed again (zeros) from here on the next append
        }
        return ticks;
    }

    // --- writer ---------------------------------------------------------------------------------

    /** Appends an encoded record. Writer only; seqs must increase. */
    void append(ByteBuffer encoded, long seq) throws IOException {
        if (seq <= lastSeq) {
            throw new IllegalStateException(symbol + ": seq " + seq + " is not after " + lastSeq);
        }
        long index = count;
        Segment[] current = segments;
        long number = index / capacity;
        if (current.length == 0 || current[current.length - 1].number != number) {
            current = addSegment(number);
        }
        Segment segment = current[current.length - 1];
        int offset = (int) ((index % capacity) * TickRecord.SIZE);
        if (offset + TickRecord.SIZE > allocated) {
            claim(segment, offset);
        }
        TickRecord.commit(encoded, segment.buffer, offset);
        lastSeq = seq;
        count = index + 1;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Writer only (or after it stopped): flushes records committed since the last call to disk. */
    void force(long fromIndex, long toIndex) {
        Segment[] current = segments;
        for (Segment s : current) {
            long start = Math.max(fromIndex, s.number * capacity);
            long end = Math.min(toIndex, (s.number + 1) * capacity);
            if (start < end) {
                int from = (int) ((start % capacity) * TickRecord.SIZE);
                s.buffer.force(from, (int) ((end - start) * TickRecord.SIZE));
            }
        }
    }

    void close() throws IOException {
        for (Segment s : segments) {
            s.channel.close();
        }
    }

    private Segment[] addSegment(long number) throws IOException {
        Segment segment = map(dir, number, capacity);
        allocated = 0;
        Segment[] grown = Arrays.copyOf(segments, segments.length + 1);
        grown[grown.length - 1] = segment;
        segments = grown;
        return grown;
    }

    private void claim(Segment segment, int offset) throws IOException {
        long end = Math.min(segmentBytes, ((offset + TickRecord.SIZE + ALLOCATION_STEP - 1L) / ALLOCATION_STEP) * ALLOCATION_STEP);
        ByteBuffer zeros = ByteBuffer.allocate((int) (end - allocated));
        long position = allocated;
        while (zeros.hasRemaining()) {
            position += segment.channel.write(zeros, position);
        }
        allocated = end;
    }

    private void dropNewestSegment() throws IOException {
        Segment[] current = segments;
        Segment newest = current[current.length - 1];
        newest.channel.close();
        Files.deleteIfExists(dir.resolve(fileName(newest.number)));
        segments = Arrays.copyOf(current, current.length - 1);
    }

    // --- readers --------------------------------------------------------------------------------

    long firstIndex() {
        Segment[] current = segments;
        return current.length == 0 ? 0 : current[0].number * capacity;
    }

    long count() {
        return count;
    }

    long seqAt(long index) {
        return TickRecord.seq(bufferOf(index), offsetOf(index));
    }

    long hubMicrosAt(long index) {
        return TickRecord.hubMicros(bufferOf(index), offsetOf(index));
    }

    int providerIdAt(long index) {
        return TickRecord.providerId(bufferOf(index), offsetOf(index));
    }

    boolean intactAt(long index) {
        return TickRecord.intact(bufferOf(index), offsetOf(index));
    }

    io.tickhub.core.quote.Quote quoteAt(long index, ProviderNames providers) {
        return TickRecord.decode(bufferOf(index), offsetOf(index), symbol, providers);
    }

    /**
     * The first index in {@code [from, to)} where {@code after} holds, given that it holds for every
     * index after one where it does (records are in seq and hub time order); {@code to} when none.
     */
    static long firstWhere(long from, long to, LongPredicate after) {
        long lo = from;
        long hi = to;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (after.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Zeroes every record from {@code index} on (a damaged tail found at start-up). */
    void truncate(long index) {
        for (long i = index; i < count; i++) {
            ByteBuffer buffer = bufferOf(i);
            int offset = offsetOf(i);
            buffer.put(offset, new byte[TickRecord.SIZE]);
        }
        count = index;
        lastSeq = index > firstIndex() ? seqAt(index - 1) : 0;
        allocated = Math.min(allocated, (index % capacity) * TickRecord.SIZE);
    }

    private ByteBuffer bufferOf(long index) {
        Segment[] current = segments;
        return current[(int) (index / capacity - current[0].number)].buffer;
    }

    private int offsetOf(long index) {
        return (int) ((index % capacity) * TickRecord.SIZE);
    }

    private static Segment map(Path dir, long number, int capacity) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(fileName(number)), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * TickRecord.SIZE);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return new Segment(number, channel, buffer);
    }

    private static long firstUncommitted(ByteBuffer buffer, int capacity) {
        return firstWhere(0, capacity, i -> TickRecord.seq(buffer, (int) (i * TickRecord.SIZE)) == 0);
    }

    private static String fileName(long number) {
        return String.format("%012d%s", number, SUFFIX);
    }
}
