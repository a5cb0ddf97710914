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
 *
 * <p>A run that comes more than a whole interval late, and at least {@link #LATE} late (the core
 * was busy: a herd of clients connecting, a long pause), is skipped, not sent: the schedule is kept
 * at a fixed rate, and the executor would otherwise run every missed slice back to back, a burst of
 * stale moves at many times the configured rate. A live market does not replay what it could not
 * send either, and system E's simulator (a sleep between ticks) never did. Skipped runs are counted
 * and logged at most once a minute.
 */
public final class SimulatorProvider implements SchedulerState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorProvider.class);
    /** Later than this (and than an interval) a run is skipped: shorter delays are caught up as usual. */
    static final Duration LATE = Duration.ofMillis(100);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final SimulatedMarket market;
    private final QuoteSink sink;
    private final InstrumentRegistry instruments;
    private final ProviderStatusBoard status;
    private final Duration interval;
    private final boolean spread;
    private final LongAdder submitted = new LongAdder();
    /** Quotes handed to ingest at once (the ingest ring's own longest run). */
    private static final int HAND_OVER = 256;

    private int slices = 1;
    private int nextSlice; // scheduler thread only
    private ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> ticking;
    private final LongAdder skipped = new LongAdder();
    /** When the next run is due, and how many runs the current late episode skipped; scheduler thread only. */
    private long dueNanos;
    private long periodNanos;
    private long skippedUnlogged;
    private long loggedAtNanos;
    private boolean loggedOnce;

    /**
     * @param spread true: every symbol moves once per interval, in slices spread evenly over it (at
     *               most one per millisecond), as updates arrive in a real market; false: all symbols
     *               move together once per interval (one burst)
     */
    public SimulatorProvider(SimulatedMarket market, Duration interval, boolean spread, QuoteSink sink,
                             InstrumentRegistry instruments, ProviderStatusBoard status) {
        this.market = market;
        this.interval = interval;
        this.spread = spread;
        this.sink = sink;
        this.instruments = instruments;
        this.status = status;
    }

    public void start() throws InterruptedException, ExecutionException {
        status.starting(SimulatedMarket.PROVIDER);
        market.instruments().forEach(instruments::register);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tickhub-simulator").daemon().factory());
        // Opening prices are out before start() returns, so the hub serves quotes at once.
        scheduler.submit(() -> publish(market.open())).get();
        long nanos = interval.toNanos();
        slices = spread ? slicesFor(market.size(), interval) : 1;
        periodNanos = nanos / slices;
        Runnable step = spread ? this::tickNextSlice : this::tick;
        dueNanos = System.nanoTime() + periodNanos;
        ticking = scheduler.scheduleAtFixedRate(() -> runDue(System.nanoTime(), step), periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
        log.info("Simulator started: {} symbols every {} ({})", market.size(), interval,
                spread ? "spread over " + slices + " slices" : "in one burst");
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

    /** Runs skipped because they came too late (see the class comment). */
    public long skippedCount() {
        return skipped.sum();
    }

    /**
     * One scheduled run, due at {@code dueNanos}: {@code step} runs unless it is later than a whole
     * interval and than {@link #LATE}, in which case the run is skipped (a spread market's slice still
     * turns, so every symbol keeps its place in the rotation). Scheduler thread only; tests pass the time.
     */
    void runDue(long nowNanos, Runnable step) {
        long due = dueNanos;
        dueNanos += periodNanos;
        long late = nowNanos - due;
        if (late > Math.max(interval.toNanos(), LATE.toNanos())) {
            skipped.increment();
            skippedUnlogged++;
            if (!loggedOnce || nowNanos - loggedAtNanos >= LOG_EVERY_NANOS) {
                log.warn("Simulator {} ms behind its schedule (the core is busy): skipped {} late runs{} rather "
                        + "than send them in a burst", late / 1_000_000, skippedUnlogged,
                        loggedOnce ? " in the last minute" : "");
                loggedOnce = true;
                loggedAtNanos = nowNanos;
                skippedUnlogged = 0;
            }
            if (spread) {
                nextSlice = (nextSlice + 1) % slices;
            }
            return;
        }
        step.run();
    }

    /** Slices an interval is cut into: as many as symbols, but none shorter than a millisecond. */
    static int slicesFor(int symbols, Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        return (int) Math.max(1, Math.min(symbols, millis));
    }

    /** One step of the whole market; scheduler thread only (tests call it directly on theirs). */
    void tick() {
        step(0, market.size());
    }

    /** The next slice of the market; after {@code slices} calls every symbol has moved once. */
    void tickNextSlice() {
        int size = market.size();
        int from = (int) ((long) nextSlice * size / slices);
        int to = (int) ((long) (nextSlice + 1) * size / slices);
        nextSlice = (nextSlice + 1) % slices;
        step(from, to);
    }

    private void step(int from, int to) {
        try {
            publish(market.tick(from, to));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report and keep ticking.
            status.failed(SimulatedMarket.PROVIDER, e.toString());
            log.warn("Simulator tick failed", e);
        }
    }

    /**
     * A slice's quotes go to ingest together, a run at a time: one wake-up of the sequencer per
     * run, not per quote. Between runs it checks for shutdown, so a stop does not wait for (or,
     * the ring being full, spin through) the rest of a large slice such as the opening one.
     */
    private void publish(List<RawQuote> quotes) {
        for (int from = 0; from < quotes.size(); from += HAND_OVER) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: the rest of this tick is not a market update anyone awaits
            }
            List<RawQuote> run = quotes.subList(from, Math.min(quotes.size(), from + HAND_OVER));
            sink.submitAll(run);
            submitted.add(run.size());
        }
        status.succeeded(SimulatedMarket.PROVIDER, quotes.size());
    }

    /** Stops ticking and waits for a tick under way to finish, so nothing submits after this returns. */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        ScheduledFuture<?> current = ticking;
        if (current != null) {
            current.cancel(false);
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.error("Simulator thread did not stop within 10 s; ingest may close under it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's shutdown goes on; it sees the flag
        }
    }
}
