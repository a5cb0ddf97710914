package io.tickhub.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off from the client's loop (one producer) to the application (any number of
 * consumers), with the {@link OverflowPolicy}. A lock rather than a lock-free queue because
 * conflation rewrites the queue in place; the producer holds it for one offer, never to wait.
 */
final class InboundQueue {

    private final int capacity;
    private final OverflowPolicy policy;
    private final ClientCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
    private String closedReason;

    InboundQueue(int capacity, OverflowPolicy policy, ClientCounters counters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1");
        }
        this.capacity = capacity;
        this.policy = policy;
        this.counters = counters;
    }

    /** Adds an event; false when the queue is full and cannot make room (the caller fails the client). */
    boolean offer(StreamEvent event) {
        lock.lock();
        try {
            if (closedReason != null) {
                return true;
            }
            if (events.size() >= capacity) {
                if (policy == OverflowPolicy.FAIL) {
                    return false;
                }
                StreamEvent merged = conflate(event);
                if (events.size() >= capacity) {
                    return false;
                }
                event = merged;
            }
            events.addLast(event);
            counters.queueDepth(events.size());
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps only the newest queued quote of each symbol, in its place, carrying the count of those
     * it replaced; a queued quote of the incoming one's symbol is dropped too, its count moving to
     * the incoming quote, which is returned to be appended.
     */
    private StreamEvent conflate(StreamEvent incoming) {
        String incomingSymbol = incoming instanceof Quote q ? q.symbol() : null;
        Map<String, Quote> newest = new HashMap<>();
        for (StreamEvent e : events) {
            if (e instanceof Quote q) {
                newest.put(q.symbol(), q);
            }
        }
        Map<String, Long> skipped = new HashMap<>();
        ArrayDeque<StreamEvent> kept = new ArrayDeque<>(events.size());
        for (StreamEvent e : events) {
            if (e instanceof Quote q && (newest.get(q.symbol()) != q || q.symbol().equals(incomingSymbol))) {
                skipped.merge(q.symbol(), 1 + q.clientSkipped(), Long::sum);
            } else {
                kept.addLast(e);
            }
        }
        long dropped = skipped.values().stream().mapToLong(Long::longValue).sum();
        events.clear();
        for (StreamEvent e : kept) {
            if (e instanceof Quote q && newest.get(q.symbol()) == q) {
                long n = skipped.getOrDefault(q.symbol(), 0L);
                e = n == 0 ? q : q.withClientSkipped(q.clientSkipped() + n);
            }
            events.addLast(e);
        }
        counters.clientConflated(dropped);
        if (incoming instanceof Quote q && skipped.containsKey(q.symbol())) {
            return q.withClientSkipped(q.clientSkipped() + skipped.get(q.symbol()));
        }
        return incoming;
    }

    /** The next event, waiting up to {@code timeout}; null when none came. */
    StreamEvent poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (events.isEmpty()) {
                if (closedReason != null) {
                    throw new ClientClosedException(closedReason);
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            StreamEvent e = events.pollFirst();
            counters.queueDepth(events.size());
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** After the queued events, {@link #poll} throws {@link ClientClosedException} with {@code reason}. */
    void close(String reason) {
        lock.lock();
        try {
            if (closedReason == null) {
                closedReason = reason;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
