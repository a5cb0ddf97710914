package io.tickhub.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickhub.core.store.StoreWriter;

/** The store writer's state as Micrometer meters: what an alert on a failing database watches. */
public final class StoreMetricsBinder implements MeterBinder {

    private final StoreWriter writer;

    public StoreMetricsBinder(StoreWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tickhub.store.up", writer, w -> w.status().up() ? 1 : 0)
                .description("1 while the last store write succeeded, 0 while the database is failing").register(registry);
        Gauge.builder("tickhub.store.backlog", writer, w -> w.status().backlog())
                .description("Rows waiting to be written").register(registry);
        FunctionCounter.builder("tickhub.store.written", writer, w -> w.status().written())
                .description("Rows written").register(registry);
        FunctionCounter.builder("tickhub.store.overflow", writer, w -> w.status().overflow())
                .description("Rows refused because the backlog was full (lost)").register(registry);
        FunctionCounter.builder("tickhub.store.lost", writer, w -> w.status().lost())
                .description("Rows still unwritten when shutdown gave up on the database").register(registry);
        FunctionCounter.builder("tickhub.store.failures", writer, w -> w.status().failures())
                .description("Failed write attempts (each retried with backoff)").register(registry);
    }
}
