package io.tickhub.server.provider;

import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.sim.SimulatedMarket;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link SimulatedMarket} on one scheduler thread of its own: publishes the opening
 * prices at start, then one tick per interval into ingest.
 */
public final class SimulatorProvider implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorProvider.class);

    private final SimulatedMarket market;
    private final QuoteSink sink;
    private final InstrumentRegistry instruments;
    private final ProviderStatusBoard status;
    private final long intervalNanos;
    private ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> ticking;

    public SimulatorProvider(SimulatedMarket market, long intervalNanos, QuoteSink sink,
                             InstrumentRegistry instruments, ProviderStatusBoard status) {
        this.market = market;
        this.intervalNanos = intervalNanos;
        this.sink = sink;
        this.instruments = instruments;
        this.status = status;
    }

    public void start() {
        status.starting(SimulatedMarket.PROVIDER);
        market.instruments().forEach(instruments::register);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickhub-simulator");
            t.setDaemon(true);
            return t;
        });
        // The opening prices go out before start() returns, so the hub serves quotes at once.
        publish(market.open());
        ticking = scheduler.scheduleAtFixedRate(this::tick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
        log.info("Simulator started: {} symbols every {}", market.instruments().size(), java.time.Duration.ofNanos(intervalNanos));
    }

    /** True while ticks are scheduled. */
    public boolean isRunning() {
        ScheduledFuture<?> current = ticking;
        return current != null && !current.isDone();
    }

    private void tick() {
        try {
            publish(market.tick());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report and keep ticking.
            status.failed(SimulatedMarket.PROVIDER, e.toString());
            log.warn("Simulator tick failed", e);
        }
    }

    private void publish(List<RawQuote> quotes) {
        for (RawQuote quote : quotes) {
            sink.submit(quote);
        }
        status.succeeded(SimulatedMarket.PROVIDER, quotes.size());
    }

    @Override
    public void close() throws InterruptedException {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
