package io.tickhub.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A client of the hub's native stream ({@code /ws}). It connects, keeps subscriptions across
 * reconnects, resumes each quote symbol after its last delivered seq (in that seq's epoch), drops
 * duplicates, fills gaps from REST history or reports them {@link Lost}, watches for silence, and
 * hands everything to the application in a bounded queue read with {@link #poll}.
 *
 * <pre>{@code
 * try (TickhubClient client = TickhubClient.connect(ClientConfig.builder(URI.create("http://127.0.0.1:8080"))
 *         .token(System.getenv("TICKHUB_TOKEN")).build())) {
 *     client.subscribe(List.of("AAPL", "MSFT"));
 *     while (true) {
 *         switch (client.poll(Duration.ofSeconds(1))) {
 *             case Quote q -> System.out.println(q.symbol() + " " + q.price());
 *             case Lost l -> System.err.println("lost " + l);
 *             case null, default -> { }
 *         }
 *     }
 * }
 * }</pre>
 *
 * Thread-safe: every method may be called from any thread.
 */
public final class TickhubClient implements AutoCloseable {

    private final ClientConfig config;
    private final Scheduler loop;
    private final boolean ownsLoop;
    private final ExecutorService ownWorker;
    private final Executor worker;
    private final ClientCounters counters = new ClientCounters();
    private final InboundQueue queue;
    private final Session session;
    private final TickhubRest rest;

    private TickhubClient(ClientConfig config) {
        this.config = config;
        this.ownsLoop = config.scheduler() == null;
        this.loop = ownsLoop ? new ExecutorScheduler("tickhub-client") : config.scheduler();
        this.ownWorker = config.worker() != null ? null : Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tickhub-client-worker");
            t.setDaemon(true);
            return t;
        });
        this.worker = config.worker() != null ? config.worker() : ownWorker;
        HttpClient http = config.http() != null ? config.http()
                : HttpClient.newBuilder().connectTimeout(config.connectTimeout()).executor(worker).build();
        this.queue = new InboundQueue(config.queueCapacity(), config.overflowPolicy(), counters);
        Transport transport = config.transport() != null ? config.transport()
                : new JdkWebSocketTransport(http, config.connectTimeout(), config.clock());
        Session[] holder = new Session[1];
        this.rest = new TickhubRest(http, () -> holder[0] == null ? config.endpoints().get(0) : holder[0].endpoint(),
                config.credentials(), worker, Duration.ofSeconds(10));
        HistorySource history = config.historySource() != null ? config.historySource() : rest::history;
        this.session = new Session(config, loop, transport, worker, history, queue, counters);
        holder[0] = session;
    }

    /** Builds a client and starts connecting; subscriptions may be made at once and are sent when connected. */
    public static TickhubClient connect(ClientConfig config) {
        TickhubClient client = new TickhubClient(config);
        client.session.start();
        return client;
    }

    /** Subscribes {@code symbols} (case-insensitive; {@code "*"} for all) on {@code channels} (default {@code quotes}). */
    public void subscribe(List<String> symbols, String... channels) {
        session.subscribe(normalise(symbols), channels(channels));
    }

    public void unsubscribe(List<String> symbols, String... channels) {
        session.unsubscribe(normalise(symbols), channels(channels));
    }

    /**
     * The next event, waiting up to {@code timeout}; null when none came in that time.
     *
     * @throws ClientClosedException when the client is closed and every event before the close was taken
     */
    public StreamEvent poll(Duration timeout) throws InterruptedException {
        StreamEvent event = queue.poll(timeout);
        if (event instanceof Quote q) {
            long nowMicros = Math.multiplyExact(config.clock().millis(), 1000L);
            counters.lagMicros(Math.max(0, nowMicros - q.ts()));
        }
        return event;
    }

    public ConnectionState state() {
        return session.state();
    }

    public ClientStats stats() {
        return counters.snapshot();
    }

    /** The REST routes, on the endpoint the stream is connected to, with the same credentials. */
    public TickhubRest rest() {
        return rest;
    }

    /** Closes the connection; {@link #poll} returns what was queued, then throws {@link ClientClosedException}. */
    @Override
    public void close() {
        session.close("closed by the application");
        if (ownsLoop) {
            loop.execute(loop::close);
        }
        if (ownWorker != null) {
            ownWorker.shutdown();
        }
    }

    private static List<String> normalise(List<String> symbols) {
        return symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    private static List<String> channels(String... channels) {
        return channels.length == 0 ? List.of("quotes") : Arrays.asList(channels);
    }
}
