package io.tickhub.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Fills gaps from REST history, one symbol's gaps at a time, and holds that symbol's later quotes
 * until its gaps are filled or reported lost, so the application still gets each symbol in seq
 * order. Confined to the client's loop thread; history reads complete on other threads and come
 * back through {@link Scheduler#execute}.
 */
final class GapRepair {

    private static final int PAGE = 1000;

    private final HistorySource history;
    private final Scheduler loop;
    private final ClientConfig config;
    private final ClientCounters counters;
    private final Consumer<StreamEvent> emit;
    /** Symbols being repaired: their gaps still to fill, in order, and the quotes held behind them. */
    private final Map<String, Pending> pending = new HashMap<>();

    private static final class Pending {
        final ArrayDeque<SequenceGuard.Verdict.Gap> gaps = new ArrayDeque<>();
        final List<StreamEvent> held = new ArrayList<>();
    }

    GapRepair(HistorySource history, Scheduler loop, ClientConfig config, ClientCounters counters, Consumer<StreamEvent> emit) {
        this.history = history;
        this.loop = loop;
        this.config = config;
        this.counters = counters;
        this.emit = emit;
    }

    /** True while {@code symbol} has gaps being filled: its quotes must go through {@link #hold}. */
    boolean repairing(String symbol) {
        return pending.containsKey(symbol);
    }

    void hold(String symbol, StreamEvent event) {
        pending.get(symbol).held.add(event);
    }

    /** A gap before {@code next} (null for a gap a heartbeat revealed): repaired, or reported lost, before {@code next}. */
    void gap(String symbol, SequenceGuard.Verdict.Gap gap, Quote next) {
        counters.gap();
        if (history == null || !config.repairGaps()) {
            lost(symbol, gap.from(), gap.to(), gap.epoch(), Lost.Reason.REPAIR_DISABLED);
            if (next != null) {
                emitOrHold(symbol, next);
            }
            return;
        }
        Pending p = pending.get(symbol);
        boolean idle = p == null;
        if (idle) {
            p = new Pending();
            pending.put(symbol, p);
        }
        p.gaps.addLast(gap);
        if (next != null) {
            p.held.add(next);
        }
        if (idle) {
            read(symbol, gap, new TreeMap<>(), 0);
        }
    }

    /** Forgets a symbol's repairs (unsubscribed): its held quotes are delivered, its gaps reported lost. */
    void drop(String symbol) {
        Pending p = pending.remove(symbol);
        if (p != null) {
            p.gaps.forEach(g -> lost(symbol, g.from(), g.to(), g.epoch(), Lost.Reason.REPAIR_FAILED));
            p.held.forEach(emit);
        }
    }

    private void emitOrHold(String symbol, StreamEvent event) {
        if (repairing(symbol)) {
            hold(symbol, event);
        } else {
            emit.accept(event);
        }
    }

    /** Reads every page from the gap's start, keeping the missing seqs; then delivers, or tries again later. */
    private void read(String symbol, SequenceGuard.Verdict.Gap gap, TreeMap<Long, Quote> found, int attempt) {
        long fromMillis = gap.afterTs() > 0 ? gap.afterTs() / 1000 : -1;
        readPages(symbol, gap, fromMillis, null, found).whenComplete((ok, error) -> loop.execute(() -> {
            if (!pending.containsKey(symbol)) {
                return;
            }
            boolean complete = error == null && found.size() == gap.to() - gap.from() + 1;
            boolean wrongEpoch = error == null && !ok;
            if (!complete && !wrongEpoch && attempt + 1 < config.repairAttempts()) {
                // The store writes behind the stream: what is not stored yet may be a moment later.
                loop.schedule(() -> {
                    if (pending.containsKey(symbol)) {
                        read(symbol, gap, found, attempt + 1);
                    }
                }, config.repairDelay().multipliedBy(1L << Math.min(attempt, 10)));
                return;
            }
            Lost.Reason reason = error != null || wrongEpoch ? Lost.Reason.REPAIR_FAILED : Lost.Reason.NOT_IN_HISTORY;
            finish(symbol, gap, wrongEpoch ? new TreeMap<>() : found, reason);
        }));
    }

    /** Completes true when read through, false when history is of another epoch. */
    private CompletableFuture<Boolean> readPages(String symbol, SequenceGuard.Verdict.Gap gap, long fromMillis,
                                                 String cursor, TreeMap<Long, Quote> found) {
        return history.history(symbol, fromMillis, PAGE, cursor).thenCompose(page -> {
            if (gap.epoch() != null && page.epoch() != null && !gap.epoch().equals(page.epoch())) {
                return CompletableFuture.completedFuture(false);
            }
            long last = 0;
            for (Quote q : page.items()) {
                last = q.seq();
                if (q.seq() >= gap.from() && q.seq() <= gap.to()) {
                    found.put(q.seq(), q);
                }
            }
            if (page.nextCursor() == null || last >= gap.to()) {
                return CompletableFuture.completedFuture(true);
            }
            return readPages(symbol, gap, fromMillis, page.nextCursor(), found);
        });
    }

    /** Delivers what was found, reports each run of missing seqs lost, then moves to the next gap or releases the held quotes. */
    private void finish(String symbol, SequenceGuard.Verdict.Gap gap, TreeMap<Long, Quote> found, Lost.Reason reason) {
        long expected = gap.from();
        for (Quote q : found.values()) {
            if (q.seq() > expected) {
                lost(symbol, expected, q.seq() - 1, gap.epoch(), reason);
            }
            // Counted before it is queued, as every counter is: a reader that has taken it sees it counted.
            counters.repaired(1);
            emit.accept(q);
            expected = q.seq() + 1;
        }
        if (expected <= gap.to()) {
            lost(symbol, expected, gap.to(), gap.epoch(), reason);
        }
        Pending p = pending.get(symbol);
        p.gaps.removeFirst();
        // Quotes held behind this gap but before the next one go out now, in order.
        SequenceGuard.Verdict.Gap next = p.gaps.peekFirst();
        List<StreamEvent> release = new ArrayList<>();
        for (StreamEvent e : p.held) {
            if (next != null && e instanceof Quote q && q.seq() > next.to()) {
                break;
            }
            release.add(e);
        }
        p.held.subList(0, release.size()).clear();
        release.forEach(emit);
        if (next == null) {
            pending.remove(symbol);
            p.held.forEach(emit);
        } else {
            read(symbol, next, new TreeMap<>(), 0);
        }
    }

    private void lost(String symbol, long from, long to, String epoch, Lost.Reason reason) {
        counters.lost(to < 0 ? 1 : to - from + 1);
        emit.accept(new Lost(symbol, from, to, epoch, reason));
    }

    /** Reports seqs from {@code from} of {@code epoch} lost for good: the hub's epoch changed. */
    void epochChanged(String symbol, long from, String epoch) {
        drop(symbol);
        counters.gap();
        lost(symbol, from, -1, epoch, Lost.Reason.EPOCH_CHANGED);
    }
}
