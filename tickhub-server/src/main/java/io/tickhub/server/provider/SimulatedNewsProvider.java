package io.tickhub.server.provider;

import io.tickhub.core.news.NewsWire;
import io.tickhub.core.sim.HeadlineGenerator;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a synthetic headline about a simulated symbol once per interval, so news streams carry
 * something until a real news provider is configured. One thread of its own touches the generator.
 */
public final class SimulatedNewsProvider implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedNewsProvider.class);

    private final HeadlineGenerator headlines;
    private final Duration interval;
    private final NewsWire wire;
    private ScheduledExecutorService scheduler;

    public SimulatedNewsProvider(HeadlineGenerator headlines, Duration interval, NewsWire wire) {
        this.headlines = headlines;
        this.interval = interval;
        this.wire = wire;
    }

    public void start() {
        if (interval.isZero()) {
            log.info("Simulated headlines off (tickhub.simulator.news-interval=0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-simulated-news").daemon().factory());
        long nanos = interval.toNanos();
        // The first headline right away: a new client of /ws/news sees one in its snapshot.
        scheduler.scheduleAtFixedRate(this::publish, 0, nanos, TimeUnit.NANOSECONDS);
        log.info("Simulated headlines every {}", interval);
    }

    private void publish() {
        try {
            wire.publish(headlines.next());
        } catch (RuntimeException e) {
            log.warn("Simulated headline failed", e); // a scheduled task that throws never runs again
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's shutdown goes on; it sees the flag
            }
        }
    }
}
