package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Symbols;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * An SSE stream's position, {@code SYMBOL:seq@epoch} (the id of the last live update the client
 * got), turned into a resume point for every symbol of the stream.
 *
 * <p>Live updates go out in the hub's order, and hub times are unique and increasing across all
 * symbols, so the update named fixes a hub time T: the client has had every update accepted up
 * to T (or a newer value standing for it) and none after. Each symbol resumes after its last seq
 * at T, found in the book's ring or, when the ring no longer reaches back to T, in the store; a
 * position neither can place is {@link ClientMessage.Subscribe#POSITION_UNKNOWN}, which resume
 * answers {@code complete:false} with a snapshot.
 *
 * @param symbol the symbol named in the id
 * @param seq    its seq
 * @param epoch  the stream epoch of the seq; null for an id without one (from before epochs),
 *               taken to be this hub's
 */
public record LastEventId(String symbol, long seq, String epoch) {

    /** An id without an epoch. */
    public LastEventId(String symbol, long seq) {
        this(symbol, seq, null);
    }

    /**
     * {@code SYMBOL:seq@epoch}, or {@code SYMBOL:seq} as ids were before epochs; empty for anything
     * else (a client may send any id: it is then ignored). Symbols never contain {@code @}.
     */
    public static Optional<LastEventId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String epoch = null;
        int at = id.lastIndexOf('@');
        if (at >= 0) {
            epoch = id.substring(at + 1);
            if (!StreamEpoch.isValid(epoch)) {
                return Optional.empty();
            }
            id = id.substring(0, at);
        }
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1 || !Symbols.isValid(id.substring(0, colon))) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(id.substring(colon + 1));
            return seq < 0 ? Optional.empty()
                    : Optional.of(new LastEventId(Symbols.normalize(id.substring(0, colon)), seq, epoch));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the seq is of {@code current} (an id without an epoch is taken to be). */
    public boolean isOf(StreamEpoch current) {
        return epoch == null || epoch.equals(current.id());
    }

    /**
     * The seq to resume after for each of {@code symbols}, in their order. The named symbol resumes
     * after its seq. The others are placed by the named update's hub time: from the ring at once,
     * and only where it does not reach back, from {@code stored} off the calling thread. An id of
     * another epoch is not placed at all: its seqs may name other updates here, so every other
     * symbol is {@link ClientMessage.Subscribe#POSITION_UNKNOWN} and the session, seeing the
     * epoch, answers every symbol {@code complete:false} with a snapshot.
     */
    public CompletableFuture<Map<String, Long>> resumePoints(Book book, StoredResume stored, StreamEpoch current,
                                                             Collection<String> symbols) {
        Map<String, Long> placed = new HashMap<>();
        List<String> beforeRing = new ArrayList<>();
        boolean sameEpoch = isOf(current);
        OptionalLong ringMicros = sameEpoch ? hubMicrosInRing(book) : OptionalLong.empty();
        for (String s : symbols) {
            if (s.equals(symbol)) {
                placed.put(s, seq);
            } else if (!sameEpoch) {
                placed.put(s, ClientMessage.Subscribe.POSITION_UNKNOWN);
            } else {
                OptionalLong inRing = ringMicros.isPresent() ? book.seqAtOrBefore(s, ringMicros.getAsLong())
                        : OptionalLong.empty();
                if (inRing.isPresent()) {
                    placed.put(s, inRing.getAsLong());
                } else {
                    beforeRing.add(s);
                }
            }
        }
        if (beforeRing.isEmpty()) {
            return CompletableFuture.completedFuture(inOrder(symbols, placed));
        }
        return stored.positionsAt(symbol, seq, ringMicros, beforeRing).thenApply(fromStore -> {
            placed.putAll(fromStore);
            return inOrder(symbols, placed);
        });
    }

    /** The hub time of the named update while the ring still holds it. */
    private OptionalLong hubMicrosInRing(Book book) {
        return book.since(symbol, seq - 1)
                .map(Replay::quotes)
                .filter(quotes -> !quotes.isEmpty() && quotes.getFirst().seq() == seq)
                .map(quotes -> OptionalLong.of(quotes.getFirst().hubTimeMicros()))
                .orElse(OptionalLong.empty());
    }

    private static Map<String, Long> inOrder(Collection<String> symbols, Map<String, Long> placed) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : symbols) {
            out.put(s, placed.get(s));
        }
        return out;
    }

    @Override
    public String toString() {
        return symbol + ":" + seq + (epoch == null ? "" : "@" + epoch);
    }
}
