package io.tickhub.server.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the key table every interval on its own thread. A database that does not answer keeps
 * the last copy (keys keep working, revocations elsewhere wait) and is logged once per outage.
 */
public final class KeyRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRefresher.class);

    private final ApiKeyStore keys;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tickhub-keys").factory());
    private boolean failing;

    public KeyRefresher(ApiKeyStore keys, Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
    public void close() {
        thread.shutdownNow();
    }
}
