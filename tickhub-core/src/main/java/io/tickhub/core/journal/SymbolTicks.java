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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * One symbol's ticks: fixed-size {@link TickRecord}s in segment files of {@code capacity} records,
 * each mapped whole, in seq order. Single writer (the sequencer), any number of readers: a record
 * is written once, before {@link #count} is raised past it, and never changes after.
 *
 * <p>Disk space is claimed in {@value #ALLOCATION_STEP}-byte steps by writing zeros through the
 * file channel, and a segment is mapped only as far as the file is claimed (it is mapped again when
 * it grows): a full disk is then an {@link IOException} on the writer, never a {@code SIGBUS} from a
 * memory access to a page the file system could not back, which would end the JVM. Each symbol's
 * step boundaries are shifted by a phase of its own ({@link #phase}): symbols fed at the same rate
 * (a simulator, a burst of a whole market) would otherwise all cross a boundary together, and 500
 * symbols claiming 256 KiB each at once held the sequencer for about a second (issue 18).
 */
final class SymbolTicks {

    static final int ALLOCATION_STEP = 1 << 18;
    /** What a claim writes, shared: read-only, each claim writes from a duplicate of its own. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ALLOCATION_STEP).asReadOnlyBuffer();
    private static final String SUFFIX = ".ticks";

    /** One segment file and its mapping of the claimed part; replaced (mapped further) as it grows. */
    private record Segment(long number, FileChannel channel, MappedByteBuffer buffer) {
    }

    final String symbol;
    private final Path dir;
    private final int capacity;
    private final long segmentBytes;
    /** Where this symbol's claim steps end, less a whole number of steps: a multiple of the record size. */
    private final long phase;

    private volatile Segment[] segments;
    /**
     * Held while {@link #segments} is replaced: by the writer (a new or grown segment) and by the
     * retention that drops the oldest. Not {@code this}: a reader's provider scan holds that one.
     */
    private final Object segmentsLock = new Object();
    /** One past the global index of the newest committed record. */
    private volatile long count;
    /** Writer only: seq of the newest record, and bytes of the newest segment claimed on disk. */
    private long lastSeq;
    private long allocated;
    /**
     * Index of each provider's newest record, so "the latest of provider X" never scans the whole
     * history (a request naming a provider that never served the symbol would otherwise read every
     * record). Complete for symbols created in this run; after a restart, one scan fills it.
     */
    private final ConcurrentHashMap<Integer, AtomicLong> newestByProvider = new ConcurrentHashMap<>();
    private volatile boolean providersComplete;
    /** Writer only: the provider of the previous append and its entry, to skip the map lookup. */
    private int lastProviderId = -1;
    private AtomicLong lastProviderNewest;

    private SymbolTicks(String symbol, Path dir, int capacity, Segment[] segments, long count, long lastSeq) {
        this.symbol = symbol;
        this.dir = dir;
        this.capacity = capacity;
        this.segmentBytes = (long) capacity * TickRecord.SIZE;
        this.phase = phase(symbol);
        this.segments = segments;
        this.count = count;
        this.lastSeq = lastSeq;
    }

    static SymbolTicks create(String symbol, Path dir, int capacity) throws IOException {
        Files.createDirectories(dir);
        SymbolTicks ticks = new SymbolTicks(symbol, dir, capacity, new Segment[0], 0, 0);
        ticks.providersComplete = true;
        return ticks;
    }

    /**
     * Maps a symbol's segments and finds where its records end. A record cut short by a crash has
     * seq 0 (the seq is written last) and is not counted; whatever lies after the last record in the
     * newest segment's file (a cut record, or records a power loss left behind a hole) is zeroed.
     * Only the newest segment keeps its file open: a full one needs no descriptor, its mapping
     * stays valid without one.
     *
     * @param checkTail after a stop that was not clean: drop records at the end whose CRC fails or
     *                  whose seq does not rise, within the last {@code checkTail} records (0: none)
     */
    static Opened open(String symbol, Path dir, int capacity, int checkTail) throws IOException {
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
            mapped.add(map(dir, n));
        }
        SymbolTicks ticks = new SymbolTicks(symbol, dir, capacity, mapped.toArray(Segment[]::new), 0, 0);
        boolean damaged = false;
        if (!mapped.isEmpty()) {
            // A segment created but never written: the previous one is where the records end.
            while (ticks.segments.length > 1 && firstUncommitted(ticks.newest().buffer) == 0) {
                ticks.dropNewestSegment();
            }
            Segment last = ticks.newest();
            ticks.count = last.number * capacity + firstUncommitted(last.buffer);
            if (checkTail > 0) {
                damaged = ticks.dropDamagedTail(checkTail);
            }
            ticks.zeroAfterCount();
            ticks.lastSeq = ticks.count > ticks.firstIndex() ? ticks.seqAt(ticks.count - 1) : 0;
            Segment newest = ticks.newest();
            ticks.allocated = newest.buffer.capacity();
            for (Segment s : ticks.segments) {
                if (s != newest) {
                    s.channel.close();
                }
            }
        }
        return new Opened(ticks, damaged);
    }

    /** A symbol's ticks as found at start-up, and whether damaged records had to be dropped. */
    record Opened(SymbolTicks ticks, boolean damaged) {
    }

    /** Drops records at the end (within the last {@code window}) whose CRC fails or whose seq does not rise. */
    private boolean dropDamagedTail(int window) throws IOException {
        long start = Math.max(firstIndex(), count - window);
        long previous = 0;
        for (long i = start; i < count; i++) {
            long seq = seqAt(i);
            if (!intactAt(i) || seq <= previous) {
                // The damage may start in an earlier segment than the newest: later ones go entirely.
                while (newest().number > i / capacity) {
                    dropNewestSegment();
                }
                count = i;
                return true;
            }
            previous = seq;
        }
        return false;
    }

    /** Zeroes the newest segment's file from the end of the records on, through the file channel. */
    private void zeroAfterCount() throws IOException {
        Segment newest = newest();
        long from = (count - newest.number * capacity) * TickRecord.SIZE;
        long end = newest.channel.size();
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long position = from; position < end; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - position));
            position += newest.channel.write(zeros, position);
        }
    }

    private Segment newest() {
        Segment[] current = segments;
        return current[current.length - 1];
    }

    // --- writer ---------------------------------------------------------------------------------

    /** Appends an encoded record. Writer only; seqs must increase. */
    void append(ByteBuffer encoded, long seq, int providerId) throws IOException {
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
            segment = claim(segment, offset);
        }
        TickRecord.commit(encoded, segment.buffer, offset);
        if (providerId != lastProviderId) {
            lastProviderNewest = newestByProvider.computeIfAbsent(providerId, id -> new AtomicLong(-1));
            lastProviderId = providerId;
        }
        lastProviderNewest.set(index);
        lastSeq = seq;
        count = index + 1;
    }

    /** Index of the newest record of provider {@code providerId}, or -1 when it has none. Any thread. */
    long newestOf(int providerId, IntSupplier knownProviders) {
        if (!providersComplete) {
            scanProviders(knownProviders);
        }
        AtomicLong newest = newestByProvider.get(providerId);
        long index = newest == null ? -1 : newest.get();
        return index >= firstIndex() ? index : -1;
    }

    /** Once after a restart: every provider's newest record, read from the end back. */
    private synchronized void scanProviders(IntSupplier knownProviders) {
        if (providersComplete) {
            return;
        }
        long end = count;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (long i = end - 1; i >= firstIndex() && seen.size() < knownProviders.getAsInt(); i--) {
            int id = providerIdAt(i);
            if (seen.add(id)) {
                long found = i;
                newestByProvider.computeIfAbsent(id, k -> new AtomicLong(-1)).accumulateAndGet(found, Math::max);
            }
        }
        providersComplete = true;
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
        Segment segment = map(dir, number);
        allocated = 0;
        Segment[] grown;
        Segment full;
        synchronized (segmentsLock) {
            Segment[] previous = segments;
            grown = Arrays.copyOf(previous, previous.length + 1);
            grown[grown.length - 1] = segment;
            segments = grown;
            full = previous.length > 0 ? previous[previous.length - 1] : null;
        }
        if (full != null) {
            full.channel.close(); // its mapping outlives the descriptor
        }
        return grown;
    }

    /** A symbol's step phase: spread evenly over the step by its name, in whole records. */
    static long phase(String symbol) {
        int h = symbol.hashCode(); // names alike (ITEM_01, ITEM_02) hash alike: mixed as MurmurHash3 finishes
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        h ^= h >>> 16;
        return (long) Math.floorMod(h, ALLOCATION_STEP / TickRecord.SIZE) * TickRecord.SIZE;
    }

    /**
     * The end of the claim step holding {@code offset}: steps end at {@code k * ALLOCATION_STEP - phase},
     * and never past the segment.
     */
    static long claimEnd(long offset, long phase, long segmentBytes) {
        long end = ((offset + TickRecord.SIZE + phase + ALLOCATION_STEP - 1L) / ALLOCATION_STEP) * ALLOCATION_STEP - phase;
        return Math.min(segmentBytes, end);
    }

    /** Claims disk up to the step holding {@code offset}, and maps the segment that far. */
    private Segment claim(Segment segment, int offset) throws IOException {
        long end = claimEnd(offset, phase, segmentBytes);
        long position = allocated;
        while (position < end) {
            ByteBuffer zeros = ZEROS.duplicate().limit((int) Math.min(ALLOCATION_STEP, end - position));
            while (zeros.hasRemaining()) {
                position += segment.channel.write(zeros, position);
            }
        }
        Segment grown = new Segment(segment.number, segment.channel, mapped(segment.channel, end));
        synchronized (segmentsLock) {
            Segment[] current = segments.clone();
            current[current.length - 1] = grown;
            segments = current; // published before count moves past any record in the new part
        }
        allocated = end;
        return grown;
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

    // A record the retention dropped while a reader was on its way reads as older than any kept
    // one (seq 0, the earliest hub time), so searches pass over it and reads leave it out.

    long seqAt(long index) {
        ByteBuffer buffer = bufferOf(index);
        return buffer == null ? 0 : TickRecord.seq(buffer, offsetOf(index));
    }

    long hubMicrosAt(long index) {
        ByteBuffer buffer = bufferOf(index);
        return buffer == null ? Long.MIN_VALUE : TickRecord.hubMicros(buffer, offsetOf(index));
    }

    int providerIdAt(long index) {
        ByteBuffer buffer = bufferOf(index);
        return buffer == null ? -1 : TickRecord.providerId(buffer, offsetOf(index));
    }

    boolean intactAt(long index) {
        return TickRecord.intact(bufferOf(index), offsetOf(index));
    }

    /** The record at {@code index}, or null when the retention has dropped it. */
    io.tickhub.core.quote.Quote quoteAt(long index, ProviderNames providers) {
        ByteBuffer buffer = bufferOf(index);
        return buffer == null ? null : TickRecord.decode(buffer, offsetOf(index), symbol, providers);
    }

    /**
     * Deletes the oldest segments whose every record has a hub time before {@code cutoffMicros};
     * never the newest (the writer's). Any thread.
     *
     * @return how many records went with them
     */
    long dropSegmentsBefore(long cutoffMicros) throws IOException {
        List<Segment> dropped = new ArrayList<>();
        synchronized (segmentsLock) {
            Segment[] current = segments;
            int keepFrom = 0;
            while (keepFrom < current.length - 1) {
                Segment oldest = current[keepFrom];
                long lastOffset = (long) (capacity - 1) * TickRecord.SIZE;
                if (TickRecord.hubMicros(oldest.buffer, (int) lastOffset) >= cutoffMicros) {
                    break;
                }
                dropped.add(oldest);
                keepFrom++;
            }
            if (keepFrom > 0) {
                segments = Arrays.copyOfRange(current, keepFrom, current.length);
            }
        }
        for (Segment s : dropped) {
            Files.deleteIfExists(dir.resolve(fileName(s.number))); // readers still on it keep its mapping
        }
        return (long) dropped.size() * capacity;
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

    private ByteBuffer bufferOf(long index) {
        Segment[] current = segments;
        long slot = index / capacity - current[0].number;
        return slot >= 0 && slot < current.length ? current[(int) slot].buffer : null;
    }

    private int offsetOf(long index) {
        return (int) ((index % capacity) * TickRecord.SIZE);
    }

    /** Opens a segment file and maps what it holds (never past its end: see the class comment). */
    private static Segment map(Path dir, long number) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(fileName(number)), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(number, channel, mapped(channel, channel.size() / TickRecord.SIZE * TickRecord.SIZE));
    }

    private static MappedByteBuffer mapped(FileChannel channel, long bytes) throws IOException {
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }

    private static long firstUncommitted(ByteBuffer buffer) {
        return firstWhere(0, buffer.capacity() / TickRecord.SIZE, i -> TickRecord.seq(buffer, (int) (i * TickRecord.SIZE)) == 0);
    }

    private static String fileName(long number) {
        return String.format("%012d%s", number, SUFFIX);
    }
}
