package io.tickhub.core.testing;

import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.RejectReason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link IngestMetrics} that counts in memory, for assertions. Thread-safe: the sequencer
 * thread counts while the test thread reads.
 */
public final class CountingIngestMetrics implements IngestMetrics {

    private final Map<String, LongAdder> acceptedByProvider = new ConcurrentHashMap<>();
    private final Map<RejectReason, LongAdder> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejectedByProvider = new ConcurrentHashMap<>();

    @Override
    public void accepted(String provider) {
        acceptedByProvider.computeIfAbsent(provider, p -> new LongAdder()).increment();
    }

    @Override
    public void rejected(String provider, RejectReason reason) {
        rejectedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        rejectedByProvider.computeIfAbsent(String.valueOf(provider), p -> new LongAdder()).increment();
    }

    public long accepted() {
        return acceptedByProvider.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rejected(RejectReason reason) {
        LongAdder n = rejectedByReason.get(reason);
        return n == null ? 0 : n.sum();
    }

    public long rejectedFrom(String provider) {
        LongAdder n = rejectedByProvider.get(provider);
        return n == null ? 0 : n.sum();
    }

    public long acceptedFrom(String provider) {
        LongAdder n = acceptedByProvider.get(provider);
        return n == null ? 0 : n.sum();
    }
}
