package io.tickhub.client;

import java.util.concurrent.atomic.AtomicLong;

/** The client's counters: written by its loop and queue, read by any thread through {@link #snapshot()}. */
final class ClientCounters {

    private final AtomicLong updatesReceived = new AtomicLong();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong updatesRepaired = new AtomicLong();
    private final AtomicLong updatesLost = new AtomicLong();
    private final AtomicLong hubConflated = new AtomicLong();
    private final AtomicLong clientConflated = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong lagMicros = new AtomicLong();

    void updateReceived() {
        updatesReceived.incrementAndGet();
    }

    void duplicateDropped() {
        duplicatesDropped.incrementAndGet();
    }

    void gap() {
        gaps.incrementAndGet();
    }

    void repaired(long n) {
        updatesRepaired.addAndGet(n);
    }

    void lost(long n) {
        updatesLost.addAndGet(n);
    }

    void hubConflated(long n) {
        hubConflated.addAndGet(n);
    }

    void clientConflated(long n) {
        clientConflated.addAndGet(n);
    }

    void reconnect() {
        reconnects.incrementAndGet();
    }

    void queueDepth(long n) {
        queueDepth.set(n);
    }

    void lagMicros(long micros) {
        lagMicros.set(micros);
    }

    ClientStats snapshot() {
        return new ClientStats(updatesReceived.get(), duplicatesDropped.get(), gaps.get(), updatesRepaired.get(),
                updatesLost.get(), hubConflated.get(), clientConflated.get(), reconnects.get(), queueDepth.get(),
                lagMicros.get());
    }
}
