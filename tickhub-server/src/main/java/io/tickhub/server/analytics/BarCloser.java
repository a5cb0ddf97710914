package io.tickhub.server.analytics;

import io.tickhub.core.analytics.BarAggregator;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes bars whose end has passed, once a second, so a quiet symbol's last bar is published
 * with {@code closed:true} without waiting for its next quote.
 */
public final class BarCloser implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BarCloser.class);

    private final BarAggregator aggregator;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public BarCloser(BarAggregator aggregator, Clock clock) {
        this.aggregator = aggregator;
        this.clock = clock;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-bar-closer").daemon().factory());
        timer.scheduleAtFixedRate(this::closeDue, 1, 1, TimeUnit.SECONDS);
    }

    private void closeDue() {
        try {
            aggregator.closeDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Closing due bars failed", e); // a scheduled task that throws never runs again
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
