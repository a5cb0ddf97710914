package io.tickhub.server.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Re-reads the key table every interval on its own thread. A database that does not answer keeps
 * the last copy (keys keep working, revocations elsewhere wait) and is logged once per outage.
 * A lifecycle bean so that it stops when the context begins to close, before the store it reads
 * shuts down (as a plain destroy method it ran on and logged a failed re-read at every shutdown).
 */
public final class KeyRefresher implements SmartLifecycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRefresher.class);

    private final ApiKeyStore keys;
    private final Duration interval;
    private ScheduledExecutorService thread;
    private volatile boolean running;
    private boolean failing;

    public KeyRefresher(ApiKeyStore keys, Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        // A new thread at every start: a stopped context (a paused test context, for one) starts again.
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tickhub-keys").factory());
        thread.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void refresh() {
        try {
            keys.refresh();
            if (failing) {
                LOG.info("API keys re-read again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot re-read API keys; keeping the last copy: {}", e.toString());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
