package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import java.util.List;
import java.util.Optional;
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
 * while it runs, the ring moves on, and the replay must still join it. It joins as long as the
 * ring has not turned over completely during the read, or the store lags behind by less than
 * the ring (a worker storing late).
 */
public final class StoredResume {

    /** A hub without a store to reach back into: a resume reaches as far as the ring. */
    public static final StoredResume NONE = new StoredResume(null, null, Runnable::run, 0);

    private final Book book;
    private static final System.Logger log = System.getLogger(StoredResume.class.getName());

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
}
