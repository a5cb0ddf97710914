package io.tickhub.client;

import java.time.Duration;

/**
 * Runs the client's loop: every task on one thread, one at a time, so the client's state needs no
 * lock. Injectable so that tests drive time by hand instead of sleeping.
 */
public interface Scheduler extends AutoCloseable {

    /** Runs {@code task} on the loop as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the loop after {@code delay}; the handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** Stops the loop; tasks not yet run are dropped. */
    @Override
    void close();

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
