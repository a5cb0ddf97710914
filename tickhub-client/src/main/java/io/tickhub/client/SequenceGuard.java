package io.tickhub.client;

import java.util.HashMap;
import java.util.Map;

/**
 * Per symbol, the last delivered seq, its hub time and its stream epoch: decides whether a quote is
 * next in line, a duplicate, or comes after a gap. Confined to the client's loop thread.
 */
final class SequenceGuard {

    /** Where a symbol stands: the last seq delivered (0: none yet), of {@code epoch}, at hub time {@code ts}. */
    record Position(String epoch, long seq, long ts) {
    }

    /** What to do with a quote. */
    sealed interface Verdict {
        /** Deliver it. */
        record Next() implements Verdict {
        }

        /** Drop it: its seq was already delivered. */
        record Duplicate() implements Verdict {
        }

        /**
         * Deliver it after seqs {@code from}..{@code to} of {@code epoch}, which the stream skipped without the hub
         * accounting for them; {@code afterTs} is the hub time of the last delivered one (where to read history from).
         */
        record Gap(long from, long to, String epoch, long afterTs) implements Verdict {
        }

        /** Deliver it; everything after {@code from - 1} of the old {@code epoch} is beyond reach. */
        record EpochChanged(long from, String epoch) implements Verdict {
        }
    }

    private final Map<String, Position> positions = new HashMap<>();

    Verdict accept(Quote q) {
        Position at = positions.get(q.symbol());
        if (at == null || at.seq() == 0) {
            advance(q);
            return new Verdict.Next();
        }
        if (q.epoch() != null && at.epoch() != null && !q.epoch().equals(at.epoch())) {
            advance(q);
            return new Verdict.EpochChanged(at.seq() + 1, at.epoch());
        }
        if (q.seq() <= at.seq()) {
            return new Verdict.Duplicate();
        }
        advance(q);
        // conflated:n are the n seqs just before this one, skipped on purpose by the hub.
        long lastUnaccounted = q.seq() - 1 - q.conflated();
        if (lastUnaccounted <= at.seq()) {
            return new Verdict.Next();
        }
        return new Verdict.Gap(at.seq() + 1, lastUnaccounted, at.epoch(), at.ts());
    }

    /**
     * The hub says it sent {@code seq} last (a {@code heartbeat}); a gap when that is past what was
     * delivered, null otherwise.
     */
    Verdict.Gap heartbeat(String symbol, long seq, String epoch) {
        Position at = positions.get(symbol);
        if (at == null || at.seq() == 0 || seq <= at.seq() || !epoch.equals(at.epoch())) {
            return null;
        }
        positions.put(symbol, new Position(at.epoch(), seq, at.ts()));
        return new Verdict.Gap(at.seq() + 1, seq, at.epoch(), at.ts());
    }

    /** Where the symbol stands, or null when nothing of it was delivered. */
    Position position(String symbol) {
        return positions.get(symbol);
    }

    Map<String, Position> positions() {
        return Map.copyOf(positions);
    }

    void forget(String symbol) {
        positions.remove(symbol);
    }

    private void advance(Quote q) {
        positions.put(q.symbol(), new Position(q.epoch(), q.seq(), q.ts()));
    }
}
