package io.tickhub.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOutMetrics;

/** Streaming counters and the fan-out latency histogram in Micrometer. */
public final class MicrometerFanOutMetrics implements FanOutMetrics {

    private final Counter messages;
    private final Counter bytes;
    private final Counter conflated;
    private final Counter dropped;
    private final Counter slowClosed;
    private final DistributionSummary latency;
    private final MeterRegistry registry;

    public MicrometerFanOutMetrics(MeterRegistry registry) {
        this.registry = registry;
        messages = Counter.builder("tickhub.stream.messages.sent").description("Messages written to clients")
                .register(registry);
        bytes = Counter.builder("tickhub.stream.bytes.sent").baseUnit("bytes").description("Payload bytes written")
                .register(registry);
        conflated = Counter.builder("tickhub.stream.conflated")
                .description("Updates replaced by a newer one for a slow client").register(registry);
        dropped = Counter.builder("tickhub.stream.dropped")
                .description("Updates discarded because their connection closed").register(registry);
        slowClosed = Counter.builder("tickhub.stream.slow.consumer.closes")
                .description("Connections closed with 4008 for staying behind").register(registry);
        latency = DistributionSummary.builder("tickhub.stream.latency").baseUnit("microseconds")
                .description("Age of an update when written to a client (hub acceptance to socket write)")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(10_000_000.0)
                .register(registry);
    }

    @Override
    public void sent(int messageCount, long byteCount) {
        messages.increment(messageCount);
        bytes.increment(byteCount);
    }

    @Override
    public void conflated(long skipped) {
        conflated.increment(skipped);
    }

    @Override
    public void dropped(long updates) {
        dropped.increment(updates);
    }

    @Override
    public void slowConsumerClosed() {
        slowClosed.increment();
    }

    /** The counter every limit of the hub shares (docs/operations.md), one series per limit. */
    @Override
    public void refused(String limit, long count) {
        Counter.builder("tickhub.limits.refused").tag("limit", limit)
                .description("Requests refused at a limit of the hub").register(registry).increment(count);
    }

    @Override
    public void latencyMicros(long micros) {
        latency.record(micros);
    }
}
