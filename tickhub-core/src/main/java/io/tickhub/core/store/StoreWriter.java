package io.tickhub.core.store;

import io.github.resilience4j.core.IntervalFunction;
import io.tickhub.core.retry.Backoff;
import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarListener;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsListener;
import io.tickhub.core.quote.Quote;
import org.jctools.queues.MpscArrayQueue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes what the hub accepts to the {@link Store} without ever holding up the hub.
 *
 * <p>Producers (the bus thread for quotes and bars, news sources, provider threads for raw
 * payloads) only offer to a bounded queue. One thread drains it in batches of whatever has
 * accumulated: while one transaction runs the next batch builds up, so batches grow with the
 * load (the Disruptor's natural batching) and an idle hub writes each quote at once.
 *
 * <p>When the database fails, the batch is retried with jittered exponential backoff while new
 * rows wait in the queue. Nothing accepted is dropped silently: a full queue counts each row it
 * refuses as overflow, and a shutdown that cannot reach the database counts what it could not
 * write as lost. Both are in {@link #status()}, which health and metrics read.
 *
 * <p>It also keeps each symbol's moving averages over the configured windows (system B's
 * {@code symbol_averages}), written with the batch that moved them.
 */
public final class StoreWriter implements QuoteListener, BarListener, NewsListener, AutoCloseable {

    private static final System.Logger log = System.getLogger(StoreWriter.class.getName());
    /** Longest idle wait: bounds how long a row offered without a wake-up waits. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Store store;
    private final StoreWriterSettings settings;
    private final Clock clock;
    private final IntervalFunction backoff;
    private final MpscArrayQueue<Object> queue;
    private final Map<String, PriceWindow> windows = new HashMap<>();
    /** The settings' windows, read once: they are used for every quote and every batch. */
    private final int[] averageWindows;
    private final int largestWindow;

    private final LongAdder overflow = new LongAdder();
    private volatile long written;
    private volatile long lost;
    private volatile long failures;
    private volatile int retrying;
    private volatile boolean up = true;
    private volatile String lastError;
    private volatile Instant lastSuccess;

    private volatile boolean idle;
    private volatile boolean closing;
    private volatile long shutdownDeadline;
    private Thread thread;
    /** Barriers drained but not yet released; writer thread only. */
    private final List<Barrier> barriers = new ArrayList<>();

    public StoreWriter(Store store, StoreWriterSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.backoff = Backoff.doubling(settings.retryInitial(), settings.retryMax());
        // MpscArrayQueue rounds up to a power of two; the bound that matters is "finite".
        this.queue = new MpscArrayQueue<>(Math.max(2, settings.capacity()));
        this.averageWindows = settings.averageWindows();
        this.largestWindow = Arrays.stream(averageWindows).max().orElse(0);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("tickhub-store-writer").start(this::run);
        }
    }

    // --- producers: never block ------------------------------------------------------------------

    @Override
    public void onQuote(Quote quote) {
        offer(quote);
    }

    /** The bus ends a batch: wake the writer if it is waiting, so the batch is written at once. */
    @Override
    public void onBatchEnd() {
        wake();
    }

    /** Closed bars are stored; the changes of open ones are not (see {@link #checkpoint}). */
    @Override
    public void onBar(Bar bar) {
        if (bar.closed()) {
            offer(bar);
        }
    }

    /** Stores bars as they are now, open ones included (on shutdown, so a restart continues them). */
    public void checkpoint(List<Bar> bars) {
        bars.forEach(this::offer);
        wake();
    }

    @Override
    public void onNews(NewsItem item) {
        offer(item);
        wake();
    }

    public void submit(RawPayload payload) {
        offer(payload);
        wake();
    }

    /**
     * Completes once every row offered before this call is in the store: what a Kafka worker waits
     * for before it commits the offsets of the quotes it handed over. Fails when the writer closes
     * first or cannot take the marker (its queue is full); rows refused before it show in
     * {@link StoreWriterStatus#overflow()}, which such a caller checks too.
     */
    public CompletableFuture<Void> stored() {
        Barrier barrier = new Barrier(new CompletableFuture<>());
        if (closing || !queue.offer(barrier)) {
            barrier.done().completeExceptionally(new StoreException("the store writer cannot take a barrier now"));
        } else {
            wake();
        }
        return barrier.done();
    }

    /** A marker in the queue: the rows before it have been written once its batch is. */
    private record Barrier(CompletableFuture<Void> done) {
    }

    /** After {@link #close} rows are refused and counted: the hub stops producers before it closes the writer. */
    private void offer(Object row) {
        if (closing || !queue.offer(row)) {
            overflow.increment();
        }
    }

    private void wake() {
        Thread t = thread;
        if (idle && t != null) {
            LockSupport.unpark(t);
        }
    }

    public StoreWriterStatus status() {
        return new StoreWriterStatus(up, queue.size() + retrying, written, overflow.sum(), lost, failures,
                lastError, lastSuccess);
    }

    // --- the writer thread -----------------------------------------------------------------------

    private void run() {
        while (true) {
            StoreBatch batch = drain();
            if (batch.isEmpty()) {
                releaseBarriers(null);
                if (closing) {
                    return;
                }
                idle = true;
                if (queue.isEmpty() && !closing) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
                idle = false;
                continue;
            }
            releaseBarriers(writeWithRetry(batch) ? null : new StoreException("rows before the barrier were lost"));
        }
    }

    /** The barriers drained with the batch just written (or found with nothing before them). */
    private void releaseBarriers(StoreException failure) {
        for (Barrier b : barriers) {
            if (failure == null) {
                b.done().complete(null);
            } else {
                b.done().completeExceptionally(failure);
            }
        }
        barriers.clear();
    }

    /**
     * Writes the batch, retrying with backoff until it succeeds; once closing, only until the
     * shutdown deadline, after which the batch and everything still queued is counted as lost.
     */
    private boolean writeWithRetry(StoreBatch batch) {
        retrying = batch.size();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    store.write(batch);
                    written += batch.size();
                    up = true;
                    lastError = null;
                    lastSuccess = clock.instant();
                    return true;
                } catch (RuntimeException e) {
                    failures++;
                    if (up) {
                        log.log(System.Logger.Level.WARNING, "Store write failed, retrying with backoff: " + e.getMessage());
                    }
                    up = false;
                    lastError = e.getMessage();
                }
                long wait = TimeUnit.MILLISECONDS.toNanos(backoff.apply(attempt));
                if (closing) {
                    long left = shutdownDeadline - System.nanoTime();
                    if (left <= 0) {
                        countLost(batch.size() + drainAll());
                        return false;
                    }
                    wait = Math.min(wait, left);
                }
                LockSupport.parkNanos(wait);
            }
        } finally {
            retrying = 0;
        }
    }

    private void countLost(long rows) {
        if (rows > 0) {
            lost += rows;
            log.log(System.Logger.Level.ERROR, "Store unreachable at shutdown: " + rows + " rows not written");
        }
    }

    private int drainAll() {
        int n = 0;
        for (Object row; (row = queue.poll()) != null; ) {
            if (row instanceof Barrier b) {
                barriers.add(b);
            } else {
                n++;
            }
        }
        return n;
    }

    private StoreBatch drain() {
        List<Quote> quotes = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        List<NewsItem> news = new ArrayList<>();
        List<RawPayload> raw = new ArrayList<>();
        Set<PriceWindow> moved = new LinkedHashSet<>();
        queue.drain(row -> {
            switch (row) {
                case Quote q -> {
                    quotes.add(q);
                    if (largestWindow > 0) {
                        PriceWindow window = windows.computeIfAbsent(q.symbol(), s -> new PriceWindow(s, largestWindow));
                        window.add(q.price(), q.seq());
                        moved.add(window);
                    }
                }
                case Bar b -> bars.add(b);
                case NewsItem n -> news.add(n);
                case RawPayload p -> raw.add(p);
                case Barrier b -> barriers.add(b);
                default -> throw new IllegalStateException("not a storable row: " + row.getClass());
            }
        }, settings.batchSize());
        return new StoreBatch(quotes, bars, averagesOf(moved), news, raw);
    }

    private List<SymbolAverage> averagesOf(Set<PriceWindow> moved) {
        if (moved.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<SymbolAverage> averages = new ArrayList<>();
        for (PriceWindow window : moved) {
            for (int n : averageWindows) {
                double mean = window.mean(n);
                if (!Double.isNaN(mean)) {
                    averages.add(new SymbolAverage(window.symbol, n, mean, now, window.lastSeq));
                }
            }
        }
        return averages;
    }

    /**
     * Stops taking rows and writes what is queued, waiting at most the shutdown timeout for the
     * database; whatever is still unwritten then is counted as lost.
     */
    @Override
    public void close() {
        shutdownDeadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        closing = true;
        Thread t = thread;
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(settings.shutdownTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
