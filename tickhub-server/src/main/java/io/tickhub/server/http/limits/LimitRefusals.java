package io.tickhub.server.http.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts refusals at a limit in {@code tickhub.limits.refused{limit=...}} (Prometheus
 * {@code tickhub_limits_refused_total}), the one counter every limit of the hub reports to.
 */
public final class LimitRefusals {

    public static final String METER = "tickhub.limits.refused";

    private final MeterRegistry registry;

    public LimitRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String limit) {
        Counter.builder(METER).tag("limit", limit)
                .description("Requests, connections or messages refused at a limit, by limit")
                .register(registry).increment();
    }

    /** Registers the series at 0, so a dashboard sees it before the first refusal. */
    public void declare(String limit) {
        Counter.builder(METER).tag("limit", limit)
                .description("Requests, connections or messages refused at a limit, by limit")
                .register(registry);
    }
}
