package io.tickhub.server.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upkeep tasks on one daemon thread of their own, each repeated with a fixed delay. A task that
 * throws is logged and runs again at its next turn: upkeep never stops for one failure. The thread
 * is started with the first task, so a component with nothing to do holds none.
 */
public final class PeriodicTasks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTasks.class);

    private final String threadName;
    private ScheduledExecutorService timer;

    public PeriodicTasks(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Runs {@code task} after {@code initialDelay}, then {@code period} after each run ends.
     *
     * @param what what the task does, for the log when it fails ("force the tick journal to disk")
     */
    public synchronized PeriodicTasks every(Duration period, Duration initialDelay, String what, Runnable task) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Could not {}", what, e);
            }
        }, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /** Stops the tasks, waiting up to 5 s for one that is running. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
