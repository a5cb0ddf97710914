package io.tickhub.server.analytics;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes bars whose end has passed, once a second, so a quiet symbol's last bar is published
 * with {@code closed:true} without waiting for its next quote. Every checkpoint interval, and
 * once more on close, it hands the open bars of a minute and longer to the store, so a restart
 * continues them (1s bars close every second anyway).
 */
public final class BarCloser implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BarCloser.class);

    private final BarAggregator aggregator;
    private final Clock clock;
    private final Consumer<List<Bar>> checkpoint;
    private final Duration checkpointInterval;
    private ScheduledExecutorService timer;

    public BarCloser(BarAggregator aggregator, Clock clock, Consumer<List<Bar>> checkpoint, Duration checkpointInterval) {
        this.aggregator = aggregator;
        this.clock = clock;
        this.checkpoint = checkpoint;
        this.checkpointInterval = checkpointInterval;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-bar-closer").daemon().factory());
        timer.scheduleAtFixedRate(this::closeDue, 1, 1, TimeUnit.SECONDS);
        long every = checkpointInterval.toMillis();
        timer.scheduleAtFixedRate(this::checkpoint, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            checkpoint.accept(aggregator.openBars().stream().filter(b -> b.interval() != BarInterval.S1).toList());
        } catch (RuntimeException e) {
            log.warn("Checkpointing open bars failed", e);
        }
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
            checkpoint();
        }
    }
}
