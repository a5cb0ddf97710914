package io.tickhub.core.fanout;

import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The quote subscriptions of one connection whose resume reaches back before the book's ring:
 * the missing stretch is read from the store (off the event loop), and the symbol is subscribed
 * only when it is back, so the replay comes before any live update. Confined to the connection's
 * inbound thread, like the {@link NativeSession} that owns it.
 */
final class QuoteResumes {

    /**
     * A quote subscription whose resume waits for the store.
     *
     * @param readBefore how many quotes earlier reads got ({@code stored} includes them): a read that adds
     *                   none is not continued
     */
    private record FromStore(String symbol, boolean snapshot, long resumeAfter, int readBefore,
                             CompletableFuture<List<Quote>> stored) {
    }

    private final Connection connection;
    private final FanOut fanOut;
    private final StoredResume storedResume;
    /** Told of the symbols a subscribe made later could not get from the streaming provider (its cap). */
    private final Consumer<List<String>> onRefusedUpstream;
    /** Quote symbols accepted with a resume that waits for the store; subscribed once it is read. */
    private final Set<String> awaitingStore = new HashSet<>();
    /** Times a resume reads again what the ring moved past during its store read. */
    static final int CATCH_UP_READS = 5;
    /** Store reads started by the subscribe message being handled. */
    private final List<FromStore> started = new ArrayList<>();

    QuoteResumes(Connection connection, FanOut fanOut, StoredResume storedResume,
                 Consumer<List<String>> onRefusedUpstream) {
        this.connection = connection;
        this.fanOut = fanOut;
        this.storedResume = storedResume;
        this.onRefusedUpstream = onRefusedUpstream;
    }

    /**
     * Subscribes a symbol's quotes in {@code quotes}. A resume older than the book's ring first reads
     * the missing stretch from the store; the symbol is subscribed when it is back ({@link #commit}).
     * A resume from another epoch, or from a position not known, gets {@code complete:false} and a
     * snapshot.
     */
    void subscribe(SubscribeBatch quotes, String symbol, boolean snapshot, Long resumeAfter, boolean otherEpoch) {
        if (resumeAfter == null) {
            quotes.subscribe(symbol, snapshot, null, List.of());
            return;
        }
        if (otherEpoch || resumeAfter == ClientMessage.Subscribe.POSITION_UNKNOWN) {
            quotes.subscribeUnrecoverable(symbol, resumeAfter);
            return;
        }
        storedResume.beforeRing(symbol, resumeAfter).ifPresentOrElse(stored -> {
            awaitingStore.add(symbol);
            started.add(new FromStore(symbol, snapshot, resumeAfter, 0, stored.exceptionally(e -> List.of())));
        }, () -> quotes.subscribe(symbol, snapshot, resumeAfter, List.of()));
    }

    /**
     * Ends a subscribe message: once every store read it started is back, subscribes those symbols
     * (on the connection's thread) with their markers in one queue item. An unsubscribe meanwhile
     * cancels a symbol.
     */
    void commit() {
        if (started.isEmpty()) {
            return;
        }
        List<FromStore> reads = List.copyOf(started);
        started.clear();
        whenStored(reads, CATCH_UP_READS);
    }

    /**
     * The ring moves on while a store read is under way: on a busy hub it can pass the end of what
     * was read, and the resume would then have a hole between the two. Such a symbol reads the rest
     * from the store again (up to {@code readsLeft} times) before it is subscribed.
     */
    private void whenStored(List<FromStore> reads, int readsLeft) {
        CompletableFuture.allOf(reads.stream().map(FromStore::stored).toArray(CompletableFuture[]::new))
                .thenRun(() -> connection.writer().execute(() -> {
                    SubscribeBatch quotes = fanOut.batch(connection);
                    List<FromStore> again = new ArrayList<>();
                    for (FromStore s : reads) {
                        if (!awaitingStore.contains(s.symbol())) {
                            continue; // unsubscribed meanwhile
                        }
                        List<Quote> stored = s.stored().join();
                        // Continued from where it ended while the ring no longer reaches back there, also
                        // when it came back short of the latest seq (a store that lags, as a worker storing
                        // late does), as long as each read adds something: a store that fails or lacks
                        // the stretch for good ends it, and the resume then says complete:false.
                        boolean added = stored.size() > s.readBefore();
                        Optional<CompletableFuture<List<Quote>>> rest = readsLeft > 0 && added
                                ? storedResume.beforeRing(s.symbol(), stored.getLast().seq()) : Optional.empty();
                        if (rest.isPresent()) {
                            again.add(new FromStore(s.symbol(), s.snapshot(), s.resumeAfter(), stored.size(),
                                    rest.get().thenApply(more -> joined(stored, more))));
                        } else {
                            awaitingStore.remove(s.symbol());
                            quotes.subscribe(s.symbol(), s.snapshot(), s.resumeAfter(), stored);
                        }
                    }
                    quotes.commit();
                    AccessMessages.refusedForSubject(connection, quotes.refusedForSubject());
                    onRefusedUpstream.accept(quotes.refusedUpstream());
                    if (!again.isEmpty()) {
                        whenStored(again, readsLeft - 1);
                    }
                }));
    }

    private static List<Quote> joined(List<Quote> first, List<Quote> more) {
        if (more.isEmpty()) {
            return first; // the rest could not be read: the resume then says complete:false
        }
        List<Quote> all = new ArrayList<>(first.size() + more.size());
        all.addAll(first);
        all.addAll(more);
        return all;
    }

    /** Cancels a symbol still waiting for the store; whether it was. */
    boolean cancel(String symbol) {
        return awaitingStore.remove(symbol);
    }

    boolean isAwaiting(String symbol) {
        return awaitingStore.contains(symbol);
    }

    /** Symbols waiting for the store: they count as subscriptions. */
    Set<String> awaiting() {
        return Set.copyOf(awaitingStore);
    }

    int count() {
        return awaitingStore.size();
    }
}
