package io.tickhub.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} and {@link Clock} driven by the test: tasks run in {@link #runReady()}, timers
 * when {@link #advance} moves the time past them. Nothing sleeps. Used from the test thread only
 * (with a direct worker and a synchronous fake transport, every task is posted from it).
 */
final class ManualScheduler extends Clock implements Scheduler {

    private record Timer(Instant due, long order, Runnable task, boolean[] cancelled) {
    }

    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private long order;

    @Override
    public void execute(Runnable task) {
        ready.addLast(task);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        timers.add(new Timer(now.plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void close() {
        ready.clear();
        timers.clear();
    }

    /** Runs every ready task, and those they post, until none is left. */
    void runReady() {
        while (!ready.isEmpty()) {
            ready.pollFirst().run();
        }
    }

    /** Moves time forward by {@code d}, running each timer that falls due, in time order, and what it posts. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        runReady();
        while (true) {
            Timer next = timers.stream().filter(t -> !t.cancelled()[0] && !t.due().isAfter(end))
                    .min(Comparator.comparing(Timer::due).thenComparingLong(Timer::order)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            if (next.due().isAfter(now)) {
                now = next.due();
            }
            next.task().run();
            runReady();
        }
        now = end;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
