package io.tickhub.core.testing;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A serial {@link Executor} that only runs what it was given when a test says so, on the test's
 * own thread, in submission order: a stand-in for a connection's event loop that makes every
 * drain deterministic. Tasks submitted while {@link #runAll} runs are run by the same call.
 *
 * <p>Thread-safe submission (any thread may call {@link #execute}); running is for one thread.
 */
public final class ManualExecutor implements Executor {

    /** A task that keeps resubmitting itself would spin forever; a test fails instead. */
    private static final int MAX_TASKS_PER_RUN = 1_000_000;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private long executed;

    @Override
    public synchronized void execute(Runnable task) {
        tasks.addLast(Objects.requireNonNull(task, "task"));
    }

    /** Runs queued tasks, and those they submit, until none is left; returns how many ran. */
    public int runAll() {
        int ran = 0;
        Runnable task;
        while ((task = next()) != null) {
            if (++ran > MAX_TASKS_PER_RUN) {
                throw new IllegalStateException("more than " + MAX_TASKS_PER_RUN + " tasks in one runAll: a loop?");
            }
            task.run();
        }
        return ran;
    }

    /** Runs the oldest queued task only; false when there was none. */
    public boolean runNext() {
        Runnable task = next();
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    /** Tasks submitted and not yet run. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Tasks run since this executor was made. */
    public synchronized long executed() {
        return executed;
    }

    private synchronized Runnable next() {
        Runnable task = tasks.pollFirst();
        if (task != null) {
            executed++;
        }
        return task;
    }
}
