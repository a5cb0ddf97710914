package io.tickhub.client;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The quotes of the stream on their way to the application: each checked by the
 * {@link SequenceGuard} (next, duplicate, gap, new epoch), gaps handed to {@link GapRepair}, and
 * {@code recovered} and {@code heartbeat} read for what they say about seqs. Confined to the
 * client's loop thread.
 */
final class QuoteFlow {

    private final SequenceGuard guard = new SequenceGuard();
    private final GapRepair repair;
    private final ClientCounters counters;
    private final Consumer<StreamEvent> emit;

    QuoteFlow(GapRepair repair, ClientCounters counters, Consumer<StreamEvent> emit) {
        this.repair = repair;
        this.counters = counters;
        this.emit = emit;
    }

    /** Where a symbol stands, for its resume; null when nothing of it was delivered. */
    SequenceGuard.Position position(String symbol) {
        return guard.position(symbol);
    }

    /** Unsubscribed: its repairs end (held quotes delivered, gaps reported lost) and its position is forgotten. */
    void forget(String symbol) {
        repair.drop(symbol);
        guard.forget(symbol);
    }

    void quote(Quote q) {
        counters.updateReceived();
        switch (guard.accept(q)) {
            case SequenceGuard.Verdict.Next n -> deliver(q);
            case SequenceGuard.Verdict.Duplicate d -> counters.duplicateDropped();
            case SequenceGuard.Verdict.Gap g -> {
                counters.hubConflated(q.conflated());
                repair.gap(q.symbol(), g, q);
            }
            case SequenceGuard.Verdict.EpochChanged c -> {
                repair.epochChanged(q.symbol(), c.from(), c.epoch());
                deliver(q);
            }
        }
    }

    private void deliver(Quote q) {
        counters.hubConflated(q.conflated());
        if (repair.repairing(q.symbol())) {
            repair.hold(q.symbol(), q);
        } else {
            emit.accept(q);
        }
    }

    void recovered(HubMessage.Recovered r) {
        // complete:false is followed by a snapshot; the guard sees the gap (same epoch) or the new epoch on it.
        // One case it cannot see: the hub's latest seq is behind what was delivered, in the same epoch (a
        // hub that predates epochs, or whose history was cut without a new one). Those seqs name other
        // updates now, so the symbol starts afresh from the snapshot rather than dropping it as a repeat.
        SequenceGuard.Position at = guard.position(r.symbol());
        if (!r.complete() && at != null && r.to() < at.seq() && Objects.equals(r.epoch(), at.epoch())) {
            forget(r.symbol());
            emit.accept(new HubError("client_seq_reset", "the hub's latest seq of " + r.symbol() + " (" + r.to()
                    + ") is behind the last one delivered (" + at.seq() + "); starting again from its snapshot", List.of(r.symbol())));
        }
    }

    void heartbeat(HubMessage.Heartbeat h, String epoch) {
        if (epoch == null) {
            return;
        }
        h.seqs().forEach((symbol, seq) -> {
            SequenceGuard.Verdict.Gap gap = guard.heartbeat(symbol, seq, epoch);
            if (gap != null) {
                repair.gap(symbol, gap, null);
            }
        });
    }

}
