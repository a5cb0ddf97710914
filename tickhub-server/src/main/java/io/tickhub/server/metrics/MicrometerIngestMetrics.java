package io.tickhub.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.RejectReason;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest counters in Micrometer: {@code tickhub.quotes.accepted{provider}} and
 * {@code tickhub.quotes.rejected{provider,reason}}. Counters are looked up once per provider
 * and cached, so the sequencer's hot path is a map hit and an increment.
 */
public final class MicrometerIngestMetrics implements IngestMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();

    public MicrometerIngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accepted(String provider) {
        Counter counter = accepted.get(provider); // a plain get first: computeIfAbsent costs more on a hit
        if (counter != null) {
            counter.increment();
            return;
        }
        accepted.computeIfAbsent(provider, p -> Counter.builder("tickhub.quotes.accepted")
                .description("Quotes accepted by ingest and given a seq")
                .tag("provider", p)
                .register(registry)).increment();
    }

    @Override
    public void rejected(String provider, RejectReason reason) {
        rejected.computeIfAbsent(provider + '\u0000' + reason.label(), k -> Counter.builder("tickhub.quotes.rejected")
                .description("Provider quotes refused by ingest")
                .tag("provider", provider)
                .tag("reason", reason.label())
                .register(registry)).increment();
    }
}
