package io.tickhub.core.journal;

import io.tickhub.core.ingest.QuoteJournal;
import io.tickhub.core.quote.Quote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import io.tickhub.core.quote.Timestamps;

/**
 * The hub's record of every accepted update, written by the sequencer before the update leaves it,
 * and the embedded store of ticks: per symbol, memory-mapped segment files of fixed-size records in
 * seq order ({@link SymbolTicks}).
 *
 * <p>An append is a copy into the page cache: a process killed at any point loses nothing it
 * published, and no fsync sits on the hot path. {@link #force} (on a timer) bounds what a power
 * loss can take. The journal keeps the {@link StreamEpoch}: it continues only when the journal is
 * provably whole (see {@link #open}).
 *
 * <p>Threads: {@link #append} from one writer (the sequencer); {@link #force} from one flusher;
 * queries from any thread.
 */
public final class TickJournal implements QuoteJournal, AutoCloseable {

    /** Records checked (CRC, seq order) at the end of each symbol after a stop that was not clean. */
    static final int TAIL_CHECK = 4096;
    /** Records per segment file by default: 65,536 × 128 bytes = 8 MiB. */
    public static final int DEFAULT_SEGMENT_RECORDS = 1 << 16;

    private final Path dir;
    private final Path ticksDir;
    private final int segmentRecords;
    private final ProviderNames providers;
    private final ConcurrentMap<String, SymbolTicks> symbols;
    private final ConcurrentMap<SymbolTicks, Long> forced = new ConcurrentHashMap<>();
    private final StreamEpoch epoch;
    private final String continuity;
    private final boolean continued;
    private final String bootId;
    private final ByteBuffer scratch = ByteBuffer.allocate(TickRecord.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    /** Holds the lock that keeps a second hub out of this directory while this one runs. */
    private final FileChannel lockFile;
    private volatile boolean closed;

    private TickJournal(Path dir, int segmentRecords, ProviderNames providers, ConcurrentMap<String, SymbolTicks> symbols,
                        StreamEpoch epoch, boolean continued, String continuity, String bootId, FileChannel lockFile) {
        this.dir = dir;
        this.ticksDir = dir.resolve("ticks");
        this.segmentRecords = segmentRecords;
        this.providers = providers;
        this.symbols = symbols;
        this.epoch = epoch;
        this.continued = continued;
        this.continuity = continuity;
        this.bootId = bootId;
        this.lockFile = lockFile;
    }

    public static TickJournal open(Path dir) {
        return open(dir, DEFAULT_SEGMENT_RECORDS, JournalMeta.currentBootId());
    }

    /**
     * Opens (or creates) the journal in {@code dir} and decides its epoch. The epoch continues when
     * the last hub stopped cleanly, or was killed within this boot of the machine (its writes were
     * all in the page cache) and the end of every symbol checks out. It changes for a new or lost
     * journal, a damaged tail, or a hub that stopped uncleanly before the machine restarted (a power
     * loss may have taken writes not yet forced).
     *
     * @param segmentRecords records per segment file (tests use small ones)
     * @param bootId         the machine's boot id now ({@code unknown} where there is none)
     */
    public static TickJournal open(Path dir, int segmentRecords, String bootId) {
        FileChannel lockFile = null;
        try {
            Files.createDirectories(dir.resolve("ticks"));
            lockFile = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new JournalException("another hub is using the tick journal in " + dir
                        + ": give each hub a tickhub.journal.dir of its own");
            }
            Optional<JournalMeta> meta = JournalMeta.read(dir);
            boolean uncleanStop = meta.map(JournalMeta::open).orElse(true);
            ConcurrentMap<String, SymbolTicks> symbols = new ConcurrentHashMap<>();
            boolean damaged = false;
            try (Stream<Path> dirs = Files.list(dir.resolve("ticks"))) {
                for (Path symbolDir : dirs.filter(Files::isDirectory).toList()) {
                    String symbol = symbolDir.getFileName().toString();
                    SymbolTicks.Opened opened = SymbolTicks.open(symbol, symbolDir, segmentRecords,
                            uncleanStop ? TAIL_CHECK : 0);
                    damaged |= opened.damaged();
                    symbols.put(symbol, opened.ticks());
                }
            }
            ProviderNames providers = ProviderNames.open(dir.resolve("providers.txt"));
            String continuity;
            if (!providers.namesEveryId(symbols.values())) {
                continuity = "providers.txt is missing names the ticks use: the journal cannot be trusted whole";
            } else if (meta.isEmpty()) {
                continuity = symbols.isEmpty() ? "new journal" : "journal.properties missing: the journal cannot be trusted whole";
            } else if (damaged) {
                continuity = "damaged records at the end of the journal were dropped";
            } else if (!meta.get().open()) {
                continuity = null;
            } else if (!"unknown".equals(bootId) && bootId.equals(meta.get().bootId())) {
                continuity = null; // killed within this boot: every write it made is in the page cache
            } else {
                continuity = "the hub stopped uncleanly before the machine restarted: writes not yet forced may be lost";
            }
            boolean continued = continuity == null;
            StreamEpoch epoch = continued ? meta.get().epoch() : StreamEpoch.fresh();
            new JournalMeta(epoch, true, bootId).write(dir);
            return new TickJournal(dir, segmentRecords, providers, symbols, epoch, continued,
                    continued ? "continued" : continuity, bootId, lockFile);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockFile);
            if (e instanceof JournalException j) {
                throw j;
            }
            throw new JournalException("cannot open the tick journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    public StreamEpoch epoch() {
        return epoch;
    }

    /** Whether the epoch is the one the journal had before this start. */
    public boolean epochContinued() {
        return continued;
    }

    /** Why the epoch is what it is: {@code continued}, or the reason a new one began. */
    public String continuity() {
        return continuity;
    }

    public Path directory() {
        return dir;
    }

    // --- the writer -----------------------------------------------------------------------------

    /**
     * Sequencer thread only. Records {@code quote}; its seq must be above the symbol's last.
     *
     * @throws JournalException when the disk cannot take it (full, failing); nothing is recorded then
     */
    @Override
    public void append(Quote quote) {
        if (closed) {
            // A sequencer still running after a shutdown gave up waiting for it: nothing may land in a
            // journal already marked cleanly closed, or the next start would skip its tail check.
            throw new JournalException("the tick journal is closed");
        }
        try {
            SymbolTicks ticks = symbols.get(quote.symbol());
            if (ticks == null) {
                ticks = SymbolTicks.create(quote.symbol(), ticksDir.resolve(quote.symbol()), segmentRecords);
                symbols.put(quote.symbol(), ticks);
            }
            int providerId = providers.idOf(quote.provider());
            TickRecord.encode(quote, providerId, scratch);
            ticks.append(scratch, quote.seq(), providerId);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new JournalException("cannot journal " + quote.symbol() + " seq " + quote.seq() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The flusher's call: forces every record committed since its last call to disk, bounding what a
     * power loss can take to the interval between calls.
     */
    public void force() {
        for (SymbolTicks ticks : symbols.values()) {
            long to = ticks.count();
            long from = forced.getOrDefault(ticks, ticks.firstIndex());
            if (to > from) {
                ticks.force(from, to);
                forced.put(ticks, to);
            }
        }
    }

    /**
     * The retention: deletes every symbol's oldest segment files whose ticks are all older than
     * {@code cutoff} (whole segments, never a symbol's newest). Any thread; readers meanwhile see
     * the dropped ticks as gone.
     *
     * @return how many ticks went
     */
    public long dropBefore(Instant cutoff) {
        long dropped = 0;
        for (SymbolTicks ticks : symbols.values()) {
            try {
                dropped += ticks.dropSegmentsBefore(clampedMicros(cutoff));
            } catch (IOException e) {
                throw new JournalException("cannot drop old ticks of " + ticks.symbol + ": " + e.getMessage(), e);
            }
        }
        return dropped;
    }

    /** After the writer has stopped: forces everything and marks the journal cleanly closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        force();
        try {
            for (SymbolTicks ticks : symbols.values()) {
                ticks.close();
            }
            new JournalMeta(epoch, false, bootId).write(dir);
        } catch (IOException e) {
            throw new JournalException("cannot close the tick journal in " + dir + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(lockFile);
        }
    }

    /** Lets go of the files as a killed process does: nothing forced, not marked closed (tests). */
    void abandon() throws IOException {
        closed = true;
        for (SymbolTicks ticks : symbols.values()) {
            ticks.close();
        }
        lockFile.close();
    }

    // --- queries (any thread) -------------------------------------------------------------------

    /** Each symbol's last journaled seq. */
    public Map<String, Long> lastSeqs() {
        Map<String, Long> last = new TreeMap<>();
        symbols.forEach((symbol, ticks) -> {
            long count = ticks.count();
            if (count > ticks.firstIndex()) {
                last.put(symbol, ticks.seqAt(count - 1));
            }
        });
        return last;
    }

    public long lastSeq(String symbol) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return 0;
        }
        long count = ticks.count();
        return count > ticks.firstIndex() ? ticks.seqAt(count - 1) : 0;
    }

    /** Ticks journaled over all symbols. */
    public long size() {
        return symbols.values().stream().mapToLong(t -> t.count() - t.firstIndex()).sum();
    }

    /** The newest {@code count} ticks of a symbol, oldest first. */
    public List<Quote> newest(String symbol, int count) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null || count <= 0) {
            return List.of();
        }
        long end = ticks.count();
        return read(ticks, Math.max(ticks.firstIndex(), end - count), end, Integer.MAX_VALUE);
    }

    /** Ticks with seq in {@code (afterSeq, beforeSeq)}, in seq order, at most {@code limit}. */
    public List<Quote> seqRange(String symbol, long afterSeq, long beforeSeq, int limit) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return List.of();
        }
        long end = ticks.count();
        long start = SymbolTicks.firstWhere(ticks.firstIndex(), end, i -> ticks.seqAt(i) > afterSeq);
        long stop = SymbolTicks.firstWhere(start, end, i -> ticks.seqAt(i) >= beforeSeq);
        return read(ticks, start, stop, limit);
    }

    /** Ticks with hub time in {@code [from, to)} and seq after {@code afterSeq}, in seq order, at most {@code limit}. */
    public List<Quote> history(String symbol, Instant from, Instant to, long afterSeq, int limit) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return List.of();
        }
        long fromMicros = clampedMicros(from);
        long toMicros = clampedMicros(to);
        long end = ticks.count();
        long first = ticks.firstIndex();
        long start = Math.max(SymbolTicks.firstWhere(first, end, i -> ticks.hubMicrosAt(i) >= fromMicros),
                SymbolTicks.firstWhere(first, end, i -> ticks.seqAt(i) > afterSeq));
        long stop = SymbolTicks.firstWhere(start, end, i -> ticks.hubMicrosAt(i) >= toMicros);
        return read(ticks, start, stop, limit);
    }

    /** The highest seq above {@code afterSeq} journaled with hub time at or before {@code hubTime}; empty when none. */
    public OptionalLong lastSeqAtOrBefore(String symbol, Instant hubTime, long afterSeq) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return OptionalLong.empty();
        }
        long micros = clampedMicros(hubTime);
        long end = ticks.count();
        long first = SymbolTicks.firstWhere(ticks.firstIndex(), end, i -> ticks.seqAt(i) > afterSeq);
        long after = SymbolTicks.firstWhere(first, end, i -> ticks.hubMicrosAt(i) > micros);
        return after > first ? OptionalLong.of(ticks.seqAt(after - 1)) : OptionalLong.empty();
    }

    /**
     * The newest tick of a symbol from {@code provider} (null: from any). A provider the journal has
     * never heard of answers at once; a known one from an index kept as records are appended.
     */
    public Optional<Quote> latest(String symbol, String provider) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return Optional.empty();
        }
        long index;
        if (provider == null) {
            index = ticks.count() - 1;
        } else {
            OptionalInt id = providers.find(provider);
            index = id.isPresent() ? ticks.newestOf(id.getAsInt(), providers::size) : -1;
        }
        return index >= ticks.firstIndex() ? Optional.ofNullable(ticks.quoteAt(index, providers)) : Optional.empty();
    }

    /** Epoch microseconds, saturated for instants beyond what a long holds (open-ended ranges). */
    private static long clampedMicros(Instant t) {
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000L) {
            return Long.MIN_VALUE;
        }
        return Timestamps.micros(t);
    }

    private List<Quote> read(SymbolTicks ticks, long start, long stop, int limit) {
        long end = Math.min(stop, start + Math.max(0, limit));
        List<Quote> quotes = new ArrayList<>((int) Math.max(0, end - start));
        for (long i = start; i < end; i++) {
            Quote quote = ticks.quoteAt(i, providers);
            if (quote != null) {
                quotes.add(quote);
            }
        }
        return quotes;
    }
}
