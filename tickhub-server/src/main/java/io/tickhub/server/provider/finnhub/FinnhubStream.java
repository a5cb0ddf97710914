package io.tickhub.server.provider.finnhub;

import io.github.resilience4j.core.IntervalFunction;
import io.tickhub.core.retry.Backoff;
import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.StreamingProvider;
import io.tickhub.core.provider.UpstreamSubscriptions;
import io.tickhub.core.provider.UpstreamUse;
import io.tickhub.core.store.RawPayload;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finnhub's trade WebSocket as a {@link StreamingProvider}. Thread-safe: subscribe and unsubscribe
 * from any thread; one thread of its own connects, reconnects and watches for silence; frames are
 * read on the JDK WebSocket's threads, one at a time, and their quotes submitted from there.
 *
 * <p>What it subscribes upstream is bounded by {@link FinnhubStreamSettings#upstream()}: a cap on
 * symbols (a symbol past it is {@link #refused}), a linger before an unsubscribe and a message rate
 * ({@link UpstreamSubscriptions}); its own thread ticks them every {@value #SUBSCRIPTION_TICK_MILLIS} ms.
 *
 * <p>Each trade frame is kept as a {@link RawPayload} (handed to {@code payloads} before its
 * quotes reach the sink, so a stored price point never names a payload that is not there yet).
 */
public final class FinnhubStream implements StreamingProvider {

    public static final String NAME = "finnhub_stream";

    private static final Logger log = LoggerFactory.getLogger(FinnhubStream.class);
    private static final long CLOSE_WAIT_MILLIS = 1_000;
    /** How often lingering symbols are checked and held-back messages sent: the linger's resolution. */
    static final long SUBSCRIPTION_TICK_MILLIS = 250;

    private final FinnhubStreamSettings settings;
    private final ProviderStatusBoard status;
    private final Clock clock;
    private final FinnhubStreamCodec codec = new FinnhubStreamCodec(JsonMapper.builder().build());
    private final FinnhubStreamInbound inbound;
    private final IntervalFunction backoff;
    private final UpstreamSubscriptions subscriptions;
    private final ExecutorService socketThreads;
    private final HttpClient http;
    private final ScheduledExecutorService loop;
    private final FinnhubStreamConnection.Events events = new Events();
    /** Held while a frame is handled, so close() can wait for the last one to reach the sink. */
    private final Object frameLock = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set while symbols wait for a slot: the cap is logged once per spell at it, not once per refusal. */
    private final AtomicBoolean atCap = new AtomicBoolean();

    private volatile FinnhubStreamConnection current; // written on the loop thread only
    private volatile long lastHeardMillis;
    private int failedAttempts; // loop thread only
    private final LongAdder drops = new LongAdder();

    /**
     * @param payloads receives each trade frame as it came (the raw store), on a WebSocket thread
     * @param clock    stamps payloads and measures silence against the idle timeout
     */
    public FinnhubStream(FinnhubStreamSettings settings, QuoteSink sink, Consumer<RawPayload> payloads,
                         ProviderStatusBoard status, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscriptions = new UpstreamSubscriptions(settings.upstream(), clock);
        this.inbound = new FinnhubStreamInbound(codec, settings, Objects.requireNonNull(sink, "sink"),
                Objects.requireNonNull(payloads, "payloads"), status, clock);
        this.backoff = Backoff.doubling(settings.reconnectInitial(), settings.reconnectMax());
        this.socketThreads = Executors.newCachedThreadPool(
                Thread.ofPlatform().name("tickhub-finnhub-ws-", 0).daemon().factory());
        this.http = HttpClient.newBuilder().executor(socketThreads).build();
        this.loop = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tickhub-finnhub-stream").daemon().factory());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        status.starting(NAME);
        onLoop(this::connect);
        long check = watchdogPeriod(settings.idleTimeout()).toMillis();
        loop.scheduleWithFixedDelay(this::checkIdle, check, check, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::tickSubscriptions, SUBSCRIPTION_TICK_MILLIS, SUBSCRIPTION_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(String symbol) {
        if (!subscriptions.acquire(requireSymbol(symbol)) && atCap.compareAndSet(false, true)) {
            log.warn("Finnhub stream at its cap of {} symbols (tickhub.providers.finnhub.max-stream-symbols): {} and "
                    + "any further symbol wait for a slot; clients are told upstream_limit",
                    settings.upstream().maxSymbols(), symbol);
        }
    }

    @Override
    public void unsubscribe(String symbol) {
        subscriptions.release(requireSymbol(symbol));
        if (atCap.get() && subscriptions.use().refused() == 0) {
            atCap.set(false);
        }
    }

    @Override
    public boolean refused(String symbol) {
        return subscriptions.refused(symbol);
    }

    @Override
    public Optional<UpstreamUse> upstreamUse() {
        return Optional.of(subscriptions.use());
    }

    @Override
    public boolean connected() {
        FinnhubStreamConnection c = current;
        return c != null && c.isOpen();
    }

    /** Symbols subscribed upstream (or to be, once connected), lingering ones included, sorted. */
    public List<String> symbols() {
        return subscriptions.symbols();
    }

    /** Symbols nobody wants any more that stay subscribed upstream until their linger ends, oldest first. */
    public List<String> lingeringSymbols() {
        return subscriptions.lingeringSymbols();
    }

    /** Symbols wanted but kept out by the cap, oldest refusal first. */
    public List<String> refusedSymbols() {
        return subscriptions.refusedSymbols();
    }

    public long quoteCount() {
        return inbound.quoteCount();
    }

    /** Frames (or trade entries) that could not be read and were skipped. */
    public long malformedCount() {
        return inbound.malformedCount();
    }

    /** Error frames the upstream sent. */
    public long upstreamErrorCount() {
        return inbound.upstreamErrorCount();
    }

    /** Connections lost (closed, failed, silent) or refused since start. */
    public long dropCount() {
        return drops.sum();
    }

    /** Stops reconnecting, closes the connection and waits for a frame being handled, so nothing is submitted after. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.submit(() -> {
                subscriptions.disconnected();
                FinnhubStreamConnection c = current;
                current = null;
                if (c != null) {
                    c.closeGracefully(CLOSE_WAIT_MILLIS);
                }
            }).get(CLOSE_WAIT_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Finnhub stream did not close cleanly: {}", settings.redact(String.valueOf(e)));
        }
        loop.shutdownNow();
        synchronized (frameLock) {
            // Nothing: entering waits for the frame under way, and every later frame sees `closed`.
        }
        http.shutdownNow();
        socketThreads.shutdownNow();
        log.info("Finnhub stream closed");
    }

    // --- loop thread -----------------------------------------------------------------------------

    private void connect() {
        if (closed.get()) {
            return;
        }
        FinnhubStreamConnection connection = new FinnhubStreamConnection(codec, events);
        current = connection;
        log.info("Finnhub stream connecting to {}", settings.safeUri());
        try {
            http.newWebSocketBuilder()
                    .connectTimeout(settings.idleTimeout())
                    .buildAsync(settings.connectUri(), connection)
                    .whenComplete((ws, error) -> onLoop(() -> handshakeDone(connection, ws, error)));
        } catch (RuntimeException e) {
            // Not retried by the loop unless caught: a scheduled task that throws is simply gone.
            current = null;
            retryLater("Finnhub stream cannot connect to " + settings.safeUri() + ": " + e, false);
        }
    }

    private void handshakeDone(FinnhubStreamConnection connection, WebSocket ws, Throwable error) {
        if (connection != current || closed.get()) {
            if (ws != null) {
                ws.abort();
            }
            return;
        }
        if (error != null) {
            current = null;
            int refusedWith = FinnhubStreamFailures.refusedStatus(error);
            retryLater(refusedWith > 0
                    ? "Finnhub stream at " + settings.safeUri() + " refused the connection (HTTP " + refusedWith + ")"
                    : "Finnhub stream cannot connect to " + settings.safeUri() + ": " + FinnhubStreamFailures.rootCause(error),
                    refusedWith > 0);
            return;
        }
        lastHeardMillis = clock.millis();
        connection.opened(ws);
        subscriptions.connected(connection);
        status.succeeded(NAME, 0);
        log.info("Finnhub stream connected to {} ({} subscriptions)", settings.safeUri(), subscriptions.symbols().size());
    }

    private void dropped(FinnhubStreamConnection connection, String reason) {
        if (connection != current || closed.get()) {
            return;
        }
        current = null;
        subscriptions.disconnected();
        connection.abort();
        if (connection.wasHeard()) {
            failedAttempts = 0; // it worked for a while: start the backoff afresh
        }
        retryLater("Finnhub stream connection to " + settings.safeUri() + " lost: " + reason, false);
    }

    /** Package-private so tests can check silence at once, after moving their clock. */
    void checkIdle() {
        FinnhubStreamConnection c = current;
        if (c == null || !c.isOpen()) {
            return;
        }
        long silentMillis = clock.millis() - lastHeardMillis;
        if (silentMillis > settings.idleTimeout().toMillis()) {
            dropped(c, "no trade or ping for " + FinnhubStreamFailures.readable(silentMillis));
        }
    }

    private void tickSubscriptions() {
        try {
            subscriptions.tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: lingering symbols would stay subscribed.
            log.warn("Finnhub stream subscription tick failed: {}", settings.redact(String.valueOf(e)));
        }
    }

    /** Runs a subscription tick on the loop thread and waits for it (tests, after moving their clock). */
    void tickSubscriptionsNow() throws Exception {
        loop.submit(this::tickSubscriptions).get(5, TimeUnit.SECONDS);
    }

    /** Runs {@link #checkIdle} on the loop thread and waits for it (tests). */
    void checkIdleNow() throws Exception {
        loop.submit(this::checkIdle).get(5, TimeUnit.SECONDS);
    }

    /** @param refused the upstream answered with a refusal (bad key, rate limit): waiting less will not help */
    private void retryLater(String reason, boolean refused) {
        drops.increment();
        failedAttempts++;
        long delay = refused ? settings.reconnectMax().toMillis() : backoff.apply(failedAttempts);
        String message = settings.redact(reason + "; reconnecting in " + FinnhubStreamFailures.readable(delay));
        status.failed(NAME, message);
        log.warn(message);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: whatever it was (a late handshake, a drop) no longer matters.
        }
    }

    private final class Events implements FinnhubStreamConnection.Events {
        @Override
        public void onFrame(FinnhubStreamConnection from, String text) {
            synchronized (frameLock) {
                if (closed.get() || from != current) {
                    return; // a frame of a connection already given up (silent, or closing)
                }
                try {
                    if (inbound.handle(text)) {
                        lastHeardMillis = clock.millis();
                        from.heard();
                    }
                } catch (RuntimeException e) {
                    // The sink or the raw store failed on one frame: the connection is fine, keep reading.
                    log.warn("Finnhub stream could not hand over a frame: {}", settings.redact(String.valueOf(e)));
                }
            }
        }

        @Override
        public void onDropped(FinnhubStreamConnection from, String reason) {
            onLoop(() -> dropped(from, reason));
        }
    }

    /** Silence is checked four times per idle timeout, between every 50 ms and every 5 s. */
    static Duration watchdogPeriod(Duration idleTimeout) {
        long quarter = idleTimeout.toMillis() / 4;
        return Duration.ofMillis(Math.clamp(quarter, 50, 5_000));
    }

    private static String requireSymbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        return symbol;
    }
}
