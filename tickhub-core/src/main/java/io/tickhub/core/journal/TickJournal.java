package io.tickhub.core.journal;

import io.tickhub.core.ingest.QuoteJournal;
import io.tickhub.core.quote.Quote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private volatile boolean closed;

    private TickJournal(Path dir, int segmentRecords, ProviderNames providers, ConcurrentMap<String, SymbolTicks> symbols,
                        StreamEpoch epoch, boolean continued, String continuity, String bootId) {
        this.dir = dir;
        this.ticksDir = dir.resolve("ticks");
        this.segmentRecords = segmentRecords;
        this.providers = providers;
        this.symbols = symbols;
        this.epoch = epoch;
        this.continued = continued;
        this.continuity = continuity;
        this.bootId = bootId;
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
        try {
            Files.createDirectories(dir.resolve("ticks"));
            Optional<JournalMeta> meta = JournalMeta.read(dir);
            boolean uncleanStop = meta.map(JournalMeta::open).orElse(true);
            ConcurrentMap<String, SymbolTicks> symbols = new ConcurrentHashMap<>();
            boolean damaged = false;
            try (Stream<Path> dirs = Files.list(dir.resolve("ticks"))) {
                for (Path symbolDir : dirs.filter(Files::isDirectory).toList()) {
                    String symbol = symbolDir.getFileName().toString();
                    SymbolTicks ticks = SymbolTicks.open(symbol, symbolDir, segmentRecords);
                    if (uncleanStop) {
                        damaged |= truncateDamagedTail(ticks);
                    }
                    symbols.put(symbol, ticks);
                }
            }
            ProviderNames providers = ProviderNames.open(dir.resolve("providers.txt"));
            String continuity;
            if (meta.isEmpty()) {
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
                    continued ? "continued" : continuity, bootId);
        } catch (IOException e) {
            throw new JournalException("cannot open the tick journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Drops records at the end whose CRC fails or whose seq does not increase; whether there were any. */
    private static boolean truncateDamagedTail(SymbolTicks ticks) {
        long start = Math.max(ticks.firstIndex(), ticks.count() - TAIL_CHECK);
        long previous = 0;
        for (long i = start; i < ticks.count(); i++) {
            long seq = ticks.seqAt(i);
            if (!ticks.intactAt(i) || seq <= previous) {
                ticks.truncate(i);
                return true;
            }
            previous = seq;
        }
        return false;
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
        try {
            SymbolTicks ticks = symbols.get(quote.symbol());
            if (ticks == null) {
                ticks = SymbolTicks.create(quote.symbol(), ticksDir.resolve(quote.symbol()), segmentRecords);
                symbols.put(quote.symbol(), ticks);
            }
            TickRecord.encode(quote, providers.idOf(quote.provider()), scratch);
            ticks.append(scratch, quote.seq());
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
        }
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

    /** The newest tick of a symbol from {@code provider} (null: from any). */
    public Optional<Quote> latest(String symbol, String provider) {
        SymbolTicks ticks = symbols.get(symbol);
        if (ticks == null) {
            return Optional.empty();
        }
        long first = ticks.firstIndex();
        for (long i = ticks.count() - 1; i >= first; i--) {
            if (provider == null || providers.name(ticks.providerIdAt(i)).equals(provider)) {
                return Optional.of(ticks.quoteAt(i, providers));
            }
        }
        return Optional.empty();
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
            quotes.add(ticks.quoteAt(i, providers));
        }
        return quotes;
    }
}
