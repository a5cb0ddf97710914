package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Resume from further back than the book's ring. A client that was away longer than the ring
 * lasts ({@code tickhub.history-size} updates of a symbol) gets what it missed from the store,
 * then from the ring what the store did not have yet, then live updates: no gap, as long as the
 * stretch the ring no longer holds is at most {@code maxQuotes} long. The store is read off the
 * event loop; the session subscribes the symbol only once the read is back, so no live update
 * can overtake the replay.
 *
 * <p>The read reaches up to the latest seq at the time of the request, not only up to the ring:
 * while it runs, the ring moves on, and the replay must still join it. When the ring has moved past
 * the end of what was read (a busy hub, or a store that lags behind by more than the ring, as a
 * worker storing late does), {@link QuoteResumes} reads on from there, a few times, as long as each
 * read adds something.
 */
public final class StoredResume {

    /** A hub without a store to reach back into: a resume reaches as far as the ring. */
    public static final StoredResume NONE = new StoredResume(null, null, Runnable::run, 0);

    private static final System.Logger log = System.getLogger(StoredResume.class.getName());

    private final Book book;

    private final Store store;
    private final Executor blocking;
    private final int maxQuotes;

    /**
     * @param blocking  where the store is read (a pool for blocking calls)
     * @param maxQuotes the longest stretch read for one symbol's resume; a longer one is not read,
     *                  and the resume answers {@code complete:false} with a snapshot
     */
    public StoredResume(Book book, Store store, Executor blocking, int maxQuotes) {
        this.book = book;
        this.store = store;
        this.blocking = blocking;
        this.maxQuotes = maxQuotes;
    }

    /** The symbol's latest seq in the book, 0 when none (or no book). */
    public long latestSeq(String symbol) {
        return book == null ? 0 : book.latest(symbol).map(Quote::seq).orElse(0L);
    }

    /**
     * The quotes a resume of {@code symbol} after {@code afterSeq} needs from before the ring,
     * being read; empty when the ring covers the resume, or it cannot be served at all (a symbol
     * the book lacks, a seq beyond the latest). The future completes with the stretch as stored:
     * empty when it is too long, or the store fails or lacks it (the resume then says
     * {@code complete:false}).
     */
    public Optional<CompletableFuture<List<Quote>>> beforeRing(String symbol, long afterSeq) {
        if (store == null) {
            return Optional.empty();
        }
        Replay replay = book.since(symbol, afterSeq).orElse(null);
        if (replay == null || replay.complete() || afterSeq >= replay.latestSeq()) {
            return Optional.empty();
        }
        long firstHeld = replay.quotes().isEmpty() ? replay.latestSeq() + 1 : replay.quotes().getFirst().seq();
        if (firstHeld - afterSeq - 1 > maxQuotes) {
            return Optional.of(CompletableFuture.completedFuture(List.of()));
        }
        long latest = replay.latestSeq();
        int upToLatest = (int) (latest - afterSeq);
        return Optional.of(CompletableFuture
                .supplyAsync(() -> store.seqRange(symbol, afterSeq, latest + 1, upToLatest), blocking)
                .exceptionally(e -> {
                    log.log(System.Logger.Level.WARNING, "A resume of " + symbol + " after seq " + afterSeq
                            + " could not read the store: " + e.getMessage());
                    return List.of();
                }));
    }

    /**
     * Where each of {@code symbols} stood when the hub accepted {@code symbol}'s {@code seq}: the last
     * seq stored at or before that hub time, for symbols the book's ring no longer reaches back for
     * (an SSE {@code Last-Event-ID} older than the ring). {@code knownMicros} is that hub time when
     * the ring still had the named update; otherwise it is read from the store too. Read off the
     * event loop. A symbol comes back {@link ClientMessage.Subscribe#POSITION_UNKNOWN} (answered
     * {@code complete:false} with a snapshot) when there is no store, the named update is not in it,
     * the store fails, or the position is further back than a resume could be served from
     * ({@code maxQuotes} before the ring): no guess, so no repeat and no silent gap.
     */
    public CompletableFuture<Map<String, Long>> positionsAt(String symbol, long seq, OptionalLong knownMicros,
                                                           Collection<String> symbols) {
        if (store == null || symbols.isEmpty()) {
            return CompletableFuture.completedFuture(unknown(symbols));
        }
        // The floor of each read, on this thread: the oldest seq whose resume could still be served.
        Map<String, Long> floors = new LinkedHashMap<>();
        for (String s : symbols) {
            long latest = book.latest(s).map(Quote::seq).orElse(0L);
            floors.put(s, Math.max(0, latest - book.historySize() - maxQuotes - 1));
        }
        return CompletableFuture.supplyAsync(() -> {
            OptionalLong micros = knownMicros.isPresent() ? knownMicros : storedHubMicros(symbol, seq);
            if (micros.isEmpty()) {
                return unknown(symbols);
            }
            long t = micros.getAsLong();
            Instant at = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000), Math.floorMod(t, 1_000_000) * 1000L);
            Map<String, Long> out = new LinkedHashMap<>();
            floors.forEach((s, floor) -> {
                OptionalLong found = store.lastSeqAtOrBefore(s, at, floor);
                out.put(s, found.isPresent() ? found.getAsLong()
                        : floor == 0 ? 0 : ClientMessage.Subscribe.POSITION_UNKNOWN);
            });
            return out;
        }, blocking).exceptionally(e -> {
            log.log(System.Logger.Level.WARNING, "An SSE resume from " + symbol + ":" + seq
                    + " could not read the store: " + e.getMessage());
            return unknown(symbols);
        });
    }

    private OptionalLong storedHubMicros(String symbol, long seq) {
        return store.seqRange(symbol, seq - 1, seq + 1, 1).stream()
                .filter(q -> q.seq() == seq)
                .mapToLong(Quote::hubTimeMicros)
                .findFirst();
    }

    private static Map<String, Long> unknown(Collection<String> symbols) {
        Map<String, Long> out = new LinkedHashMap<>();
        symbols.forEach(s -> out.put(s, ClientMessage.Subscribe.POSITION_UNKNOWN));
        return out;
    }
}
