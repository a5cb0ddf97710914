package io.tickhub.core.provider;

/**
 * Something that runs work on a schedule of its own (the simulator's ticks, polling jobs).
 * Health reports {@code scheduler_running} from these without knowing which adapters they are.
 * Thread-safe: read from any thread.
 */
public interface SchedulerState {

    /** True while its scheduled work is running. */
    boolean isRunning();
}
