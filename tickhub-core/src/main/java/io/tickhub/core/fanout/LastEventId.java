package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.quote.Symbols;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An SSE stream's position, {@code SYMBOL:seq} (the id of the last live update the client got),
 * turned into a resume point for every symbol of the stream.
 *
 * <p>Live updates go out in the hub's order, and hub times are unique and increasing across all
 * symbols, so the update named fixes a hub time T: the client has had every update accepted up
 * to T (or a newer value standing for it) and none after. Each symbol resumes after its last seq
 * at T; where the history no longer reaches back to T, resume says {@code complete:false} and
 * sends a snapshot, as for any resume that cannot be served.
 *
 * @param symbol the symbol named in the id
 * @param seq    its seq
 */
public record LastEventId(String symbol, long seq) {

    /** {@code SYMBOL:seq}; empty for anything else (a client may send any id: it is then ignored). */
    public static Optional<LastEventId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1 || !Symbols.isValid(id.substring(0, colon))) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(id.substring(colon + 1));
            return seq < 0 ? Optional.empty() : Optional.of(new LastEventId(Symbols.normalize(id.substring(0, colon)), seq));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The seq to resume after for each of {@code symbols}. When the update named is no longer held
     * (its time is unknown), the named symbol still resumes from its seq and every other symbol
     * from 0, which replays what is held or says {@code complete:false} with a snapshot.
     */
    public Map<String, Long> resumePoints(Book book, Collection<String> symbols) {
        Optional<Long> hubMicros = book.since(symbol, seq - 1)
                .map(Replay::quotes)
                .filter(quotes -> !quotes.isEmpty() && quotes.getFirst().seq() == seq)
                .map(quotes -> quotes.getFirst().hubTimeMicros());
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : symbols) {
            if (s.equals(symbol)) {
                out.put(s, seq);
            } else {
                out.put(s, hubMicros.map(t -> book.seqAtOrBefore(s, t).orElse(0)).orElse(0L));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return symbol + ":" + seq;
    }
}
