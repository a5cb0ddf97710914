package io.tickhub.core.testing;

import io.tickhub.core.fanout.FanOutMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link FanOutMetrics} that counts in memory, for assertions. Thread-safe, like the port demands. */
public final class CountingFanOutMetrics implements FanOutMetrics {

    private final AtomicLong sentMessages = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong drains = new AtomicLong();
    private final AtomicLong conflated = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slowConsumerClosed = new AtomicLong();
    private final List<Long> latencies = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, AtomicLong> refused = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void sent(int messages, long bytes) {
        drains.incrementAndGet();
        sentMessages.addAndGet(messages);
        sentBytes.addAndGet(bytes);
    }

    @Override
    public void conflated(long skipped) {
        conflated.addAndGet(skipped);
    }

    @Override
    public void dropped(long updates) {
        dropped.addAndGet(updates);
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerClosed.incrementAndGet();
    }

    @Override
    public void refused(String limit, long count) {
        refused.computeIfAbsent(limit, l -> new AtomicLong()).addAndGet(count);
    }

    /** Requests refused at {@code limit}. */
    public long refused(String limit) {
        AtomicLong n = refused.get(limit);
        return n == null ? 0 : n.get();
    }

    @Override
    public void latencyMicros(long micros) {
        latencies.add(micros);
    }

    public long sentMessages() {
        return sentMessages.get();
    }

    public long sentBytes() {
        return sentBytes.get();
    }

    /** Drains that wrote something (calls of {@link #sent}). */
    public long drains() {
        return drains.get();
    }

    public long conflated() {
        return conflated.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Connections closed for staying behind. */
    public long slowConsumersClosed() {
        return slowConsumerClosed.get();
    }

    public List<Long> latencies() {
        return List.copyOf(latencies);
    }
}
