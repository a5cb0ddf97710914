package io.tickhub.server.provider;

import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.SchedulerState;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.sim.SimulatedMarket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link SimulatedMarket} on one scheduler thread of its own, which is the only thread
 * that touches the market: it publishes the opening prices (before {@link #start} returns), then
 * one tick per interval into ingest.
 */
public final class SimulatorProvider implements SchedulerState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorProvider.class);

    private final SimulatedMarket market;
    private final QuoteSink sink;
    private final InstrumentRegistry instruments;
    private final ProviderStatusBoard status;
    private final Duration interval;
    private final LongAdder submitted = new LongAdder();
    private ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> ticking;

    public SimulatorProvider(SimulatedMarket market, Duration interval, QuoteSink sink,
                             InstrumentRegistry instruments, ProviderStatusBoard status) {
        this.market = market;
        this.interval = interval;
        this.sink = sink;
        this.instruments = instruments;
        this.status = status;
    }

    public void start() throws InterruptedException, ExecutionException {
        status.starting(SimulatedMarket.PROVIDER);
        market.instruments().forEach(instruments::register);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickhub-simulator");
            t.setDaemon(true);
            return t;
        });
        // Opening prices are out before start() returns, so the hub serves quotes at once.
        scheduler.submit(() -> publish(market.open())).get();
        long nanos = interval.toNanos();
        ticking = scheduler.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        log.info("Simulator started: {} symbols every {}", market.instruments().size(), interval);
    }

    @Override
    public boolean isRunning() {
        ScheduledFuture<?> current = ticking;
        return current != null && !current.isDone();
    }

    /** Quotes handed to ingest since start. */
    public long submittedCount() {
        return submitted.sum();
    }

    /** One step of the market; scheduler thread only (tests call it directly on theirs). */
    void tick() {
        try {
            publish(market.tick());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report and keep ticking.
            status.failed(SimulatedMarket.PROVIDER, e.toString());
            log.warn("Simulator tick failed", e);
        }
    }

    private void publish(List<RawQuote> quotes) {
        int sent = 0;
        for (RawQuote quote : quotes) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: the rest of this tick is not a market update anyone awaits
            }
            sink.submit(quote);
            submitted.increment();
            sent++;
        }
        status.succeeded(SimulatedMarket.PROVIDER, sent);
    }

    /** Stops ticking and waits for a tick under way to finish, so nothing submits after this returns. */
    @Override
    public void close() throws InterruptedException {
        if (scheduler == null) {
            return;
        }
        ScheduledFuture<?> current = ticking;
        if (current != null) {
            current.cancel(false);
        }
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            log.error("Simulator thread did not stop within 10 s; ingest may close under it");
        }
    }
}
