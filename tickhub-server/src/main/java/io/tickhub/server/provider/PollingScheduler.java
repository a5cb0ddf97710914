package io.tickhub.server.provider;

import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.jobs.JobLeases;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.core.news.NewsPoller;
import io.tickhub.core.provider.SchedulerState;
import io.tickhub.core.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of everything polled: one scheduler thread that, every tick, starts the due polls of
 * every job and news source (which run on virtual threads, {@code fetches}) and re-checks which
 * provider serves each symbol. Stored jobs resume on its first tick; if the store cannot list them
 * then, it tries again on the next ticks.
 */
public final class PollingScheduler implements SchedulerState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollingScheduler.class);

    private final PollingJobs jobs;
    private final JobLeases leases; // null: this node runs every stored job
    private final Poller poller;
    private final FeedBoard feeds;
    private final List<NewsPoller> news;
    private final Duration tick;
    private final ExecutorService fetches;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-poller").daemon().factory());
    private volatile ScheduledFuture<?> ticking;
    private boolean resumed; // scheduler thread only

    /**
     * @param leases  which stored jobs this node runs, when several ingest nodes share the store; null: all of them
     * @param fetches where polls run; closed with this scheduler
     */
    public PollingScheduler(PollingJobs jobs, JobLeases leases, Poller poller, FeedBoard feeds, List<NewsPoller> news,
                            Duration tick, ExecutorService fetches) {
        this.jobs = jobs;
        this.leases = leases;
        this.poller = poller;
        this.feeds = feeds;
        this.news = List.copyOf(news);
        this.tick = tick;
        this.fetches = fetches;
    }

    public void start() {
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            if (leases != null) {
                leases.tick();
            } else if (!resumed) {
                resume();
            }
            poller.tick();
            news.forEach(NewsPoller::tick);
            feeds.check();
        } catch (RuntimeException e) {
            log.warn("Polling tick failed", e); // a scheduled task that throws never runs again
        }
    }

    private void resume() {
        try {
            int n = jobs.resume();
            resumed = true;
            log.info("Polling: {} stored job(s) resumed, {} news source(s)", n, news.size());
        } catch (StoreException e) {
            log.warn("Polling: stored jobs not resumed yet, the store is unavailable: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledFuture<?> current = ticking;
        return current != null && !current.isDone();
    }

    /** Stops starting polls, then stops the polls under way (their quotes are not awaited). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            if (leases != null && ticking != null) {
                leases.release(); // the scheduler thread has stopped: no tick runs concurrently
            }
            fetches.shutdownNow();
            if (!fetches.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Polls still running 5 s after shutdown; ingest may close under them");
            }
        } catch (InterruptedException e) {
            fetches.shutdownNow();
            Thread.currentThread().interrupt(); // the caller's shutdown goes on; it sees the flag
        }
    }
}
