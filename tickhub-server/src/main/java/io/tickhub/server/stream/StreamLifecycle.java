package io.tickhub.server.stream;

import io.tickhub.core.fanout.FanOut;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the streams' housekeeping (heartbeats, ping and slow-consumer timeouts) ten times a second on
 * a thread of its own, and on shutdown closes every stream with 1001 before the web server
 * stops (this lifecycle's phase is later than the server's, so it stops first).
 */
public final class StreamLifecycle implements SmartLifecycle {

    private final FanOut fanOut;
    private final Duration drainTimeout;
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    public StreamLifecycle(FanOut fanOut, Duration drainTimeout) {
        this.fanOut = fanOut;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-stream-ticker").daemon().factory());
        // Ten times a second: maxRate releases held updates on time; heartbeat and timeout checks are cheap.
        ticker.scheduleAtFixedRate(fanOut::tick, 100, 100, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        fanOut.closeAll("server shutting down");
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (fanOut.connections() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
