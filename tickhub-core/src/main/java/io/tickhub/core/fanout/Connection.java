package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.FirstAndLatest;
import io.tickhub.core.book.Replay;
import io.tickhub.core.quote.Quote;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * One streaming client: a bounded outbound queue filled by the bus thread (market data) and the
 * connection's own event loop (replies), drained by one writer on that event loop.
 *
 * <p>Threading: {@link #offer(Outbound.Market)} is called by the bus delivery thread only;
 * {@link #writer} must run tasks one at a time in order (a Netty event loop does);
 * {@link #send}, {@link #enqueue} and {@link #tick} by any thread; everything named "writer" runs
 * on {@link #writer}, one drain at a time (a work-in-progress counter, as in Reactor), so the
 * writer's state needs no lock and no lock is ever held while writing to the socket.
 *
 * <p>Slow clients: when more than {@link StreamSettings#bufferMessages()} messages wait, the bus
 * thread stops queueing market data for this connection and keeps only the latest update per
 * symbol (with how many it replaced); the writer sends those once the queue is drained. A
 * connection that stays behind longer than the slow-consumer timeout is closed with 4008. The
 * writer never sends a symbol's seq twice or backwards, which also makes snapshots race-free: the
 * snapshot marker is queued before the subscription is registered, and the writer reads the book
 * when it reaches it.
 */
public final class Connection {

    /** Close codes of the protocol. */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int SLOW_CONSUMER = 4008;
    public static final int RATE_LIMITED = 4029;

    /** Batch frames are cut at about this size. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final String id;
    private final FrameSink sink;
    private final Executor writer;
    private final Book book;
    private final Clock clock;
    private final StreamSettings settings;
    private final FanOutMetrics metrics;
    private final boolean batch;
    private final WireFormat format;
    private final MpscChunkedArrayQueue<Outbound> queue;
    /**
     * Latest update per symbol while conflating. Guarded by its own monitor: only the slow path
     * touches it, for nanoseconds, never across a socket write; a plain locked map keeps "empty"
     * and "replaced n" exact between the bus thread and the writer.
     */
    private final LinkedHashMap<String, Conflated> conflated = new LinkedHashMap<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();

    // Bus thread only.
    private volatile boolean conflating;       // written by the bus thread; read by tick()
    private volatile long conflatingSinceMillis;
    /** Offered market data since the end of the last bus batch; bus thread only (FanOut's batch bookkeeping). */
    boolean pendingFlush;

    // Writer only.
    private final Map<String, long[]> lastSent = new LinkedHashMap<>();
    private final ByteArrayOutputStream batchBuffer;
    private int batchCount;

    private volatile long lastWriteMillis;
    private volatile long lastPingMillis;
    private volatile long lastPongMillis;
    private volatile boolean closed;
    /** Set once by whichever thread (bus, ticker, event loop) closes first. */
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    /** A heartbeat is queued and not yet written: a stuck client gets one, not one per tick. */
    private final java.util.concurrent.atomic.AtomicBoolean heartbeatPending =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The latest update of a symbol for a conflating connection, and how many it replaced. */
    private record Conflated(Outbound.Market latest, long skipped) {
    }

    public Connection(String id, FrameSink sink, Executor writer, Book book, Clock clock, StreamSettings settings,
                      FanOutMetrics metrics, boolean batch) {
        this(id, sink, writer, book, clock, settings, metrics, batch, WireFormat.NATIVE);
    }

    public Connection(String id, FrameSink sink, Executor writer, Book book, Clock clock, StreamSettings settings,
                      FanOutMetrics metrics, boolean batch, WireFormat format) {
        this.format = format;
        this.id = id;
        this.sink = sink;
        this.writer = writer;
        this.book = book;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.batch = batch;
        this.queue = new MpscChunkedArrayQueue<>(16, settings.queueCapacity());
        this.batchBuffer = batch ? new ByteArrayOutputStream(1024) : null;
        long now = clock.millis();
        this.lastWriteMillis = now;
        this.lastPingMillis = now;
        this.lastPongMillis = now;
    }

    public String id() {
        return id;
    }

    public WireFormat format() {
        return format;
    }

    /** Symbols this connection is subscribed to (live view; mutated by its session). */
    public Set<String> symbols() {
        return symbols;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True while the bus thread conflates this connection's market data. */
    public boolean isConflating() {
        return conflating;
    }

    // ------------------------------------------------------------------ producers

    /**
     * Bus thread only: one update for a subscribed symbol. Does not wake the writer: the fan-out
     * drains it once per bus batch, so a burst costs one event-loop wake-up per connection.
     *
     * @return true when something was queued or conflated (a drain is due)
     */
    boolean offer(Outbound.Market market) {
        if (closed) {
            return false;
        }
        if (conflating) {
            if (caughtUp()) {
                conflating = false; // everything older has been handed to the writer
            } else {
                conflate(market);
                if (behindTooLong(clock.millis())) {
                    closeSlowConsumer();
                }
                return true;
            }
        }
        if (queue.size() >= settings.bufferMessages() || !queue.offer(market)) {
            conflating = true;
            conflatingSinceMillis = clock.millis();
            conflate(market);
        }
        return true;
    }

    /** Any thread: a message for this client alone (reply, error). False when the client is hopelessly behind. */
    public boolean send(byte[] json) {
        return enqueue(new Outbound.Control(json));
    }

    /** Any thread: queue a marker or control item behind everything already queued. */
    boolean enqueue(Outbound item) {
        if (closed) {
            return false;
        }
        if (!queue.offer(item)) {
            closeSlowConsumer();
            return false;
        }
        schedule();
        return true;
    }

    /** Closes after what is queued has been written; at once when there is no room left to queue the close. */
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        if (queue.offer(new Outbound.Close(code, reason))) {
            schedule();
        } else {
            closeNow(code, reason);
        }
    }

    /** The transport saw a pong (or any inbound traffic that proves the client alive). */
    public void pong() {
        lastPongMillis = clock.millis();
    }

    /**
     * Periodic housekeeping (any thread, about once a second): heartbeat an idle client, ping every
     * client once per interval (a busy one too: it must have a ping to answer), close one that
     * answers no ping for two intervals or stays conflated past the timeout.
     */
    public void tick() {
        if (closed) {
            return;
        }
        long now = clock.millis();
        long interval = settings.heartbeatInterval().toMillis();
        if (now - lastPongMillis > 2 * interval) {
            // The client is presumed gone: close now, not behind a backlog it will never read.
            closeNow(GOING_AWAY, "ping timeout");
            return;
        }
        if (conflating && !caughtUp() && behindTooLong(now)) {
            closeSlowConsumer();
            return;
        }
        if (format.sendsHeartbeats() && now - lastWriteMillis >= interval
                && heartbeatPending.compareAndSet(false, true)) {
            enqueue(new Outbound.Heartbeat());
        }
        if (now - lastPingMillis >= interval) {
            lastPingMillis = now;
            writer.execute(sink::ping);
        }
    }

    /** The transport is gone (client left, reset): stop queueing; the writer frees what is queued. */
    public void terminated() {
        closed = true;
        writer.execute(this::discard);
    }

    /** Writer only (the queue has a single consumer). */
    private void discard() {
        int dropped = 0;
        while (queue.poll() != null) {
            dropped++;
        }
        synchronized (conflated) {
            dropped += conflated.size();
            conflated.clear();
        }
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
    }

    /** The transport can take data again after it was full. */
    public void writable() {
        schedule();
    }

    /** Conflating for longer than the slow-consumer timeout. */
    private boolean behindTooLong(long nowMillis) {
        return nowMillis - conflatingSinceMillis > settings.slowConsumerTimeout().toMillis();
    }

    /**
     * True when nothing waits, neither queued nor conflated. Checked under the same
     * monitor as {@link #nextConflated}'s "queue still empty" check, so the two decisions (leave
     * conflation and queue again / take a conflated update) can never interleave: otherwise the
     * writer could send a conflated update ahead of older ones queued in between.
     */
    private boolean caughtUp() {
        synchronized (conflated) {
            return queue.isEmpty() && conflated.isEmpty();
        }
    }

    private void conflate(Outbound.Market market) {
        Conflated entry;
        synchronized (conflated) {
            Conflated previous = conflated.get(market.quote().symbol());
            entry = new Conflated(market, previous == null ? 0 : previous.skipped() + 1);
            conflated.put(market.quote().symbol(), entry);
        }
        if (entry.skipped() > 0) {
            metrics.conflated(1); // one older update replaced; the first one held replaces nothing
        }
    }

    private void closeSlowConsumer() {
        if (closeNow(SLOW_CONSUMER, "slow consumer")) {
            metrics.slowConsumerClosed();
        }
    }

    /** Closes at once (not behind the queue); true for the one caller that actually closed it. */
    private boolean closeNow(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        closed = true;
        writer.execute(() -> sink.close(code, reason));
        return true;
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            writer.execute(this::drain);
        }
    }

    /**
     * Bus thread: claims the right to run the next drain. When true, the caller must run
     * {@link #drain} on {@link #writer()} (the fan-out runs many connections' drains in one task
     * per event loop); when false a drain is already scheduled and will see the new data.
     */
    boolean claimDrain() {
        return wip.getAndIncrement() == 0;
    }

    /** The executor this connection's writer runs on (its event loop). */
    Executor writer() {
        return writer;
    }

    // ------------------------------------------------------------------ writer

    /** Writer only: runs after {@link #claimDrain} or {@link #schedule} claimed it. */
    void drain() {
        int missed = 1;
        do {
            int messages = 0;
            long bytes = 0;
            long oldestMicros = Long.MAX_VALUE;
            while (!closed && sink.isWritable()) {
                Outbound item = queue.poll();
                if (item == null) {
                    item = nextConflated();
                    if (item == null) {
                        if (queue.isEmpty()) {
                            break;
                        }
                        continue; // refilled between the poll and the conflated check
                    }
                }
                if (item instanceof Outbound.Market market) {
                    oldestMicros = Math.min(oldestMicros, market.quote().hubTimeMicros());
                }
                long written = write(item);
                if (written > 0) {
                    messages++;
                    bytes += written;
                }
                if (batch && batchBuffer.size() >= MAX_BATCH_BYTES) {
                    flushBatch();
                }
            }
            if (messages > 0 && !closed) {
                if (batch) {
                    flushBatch();
                }
                sink.flush();
                java.time.Instant now = clock.instant();
                lastWriteMillis = now.toEpochMilli();
                metrics.sent(messages, bytes);
                if (oldestMicros != Long.MAX_VALUE) {
                    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                    metrics.latencyMicros(Math.max(0, nowMicros - oldestMicros));
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Writer: the next conflated update, or null when there is none or the queue has refilled meanwhile. */
    private Outbound nextConflated() {
        Conflated entry;
        synchronized (conflated) {
            if (!queue.isEmpty()) {
                return null; // older updates were queued after our poll: they go first
            }
            Iterator<Conflated> entries = conflated.values().iterator();
            if (!entries.hasNext()) {
                return null;
            }
            entry = entries.next();
            entries.remove();
        }
        return entry.skipped() == 0 ? entry.latest() : entry.latest().withConflated(entry.skipped());
    }

    /** Writes one item; returns the bytes written (0 when it was skipped). */
    private long write(Outbound item) {
        return switch (item) {
            case Outbound.Market m -> {
                // Still queued when its symbol was unsubscribed, or not newer than what was sent: skip.
                if (!symbols.contains(m.quote().symbol()) || !advance(m.quote())) {
                    yield 0;
                }
                yield emit(m.bytes(format));
            }
            case Outbound.Forget f -> {
                lastSent.remove(f.symbol());
                yield 0;
            }
            case Outbound.Control c -> batch && !isJsonObject(c.json()) ? emitAlone(c.json()) : emit(c.json());
            case Outbound.Snapshot s -> snapshot(s.symbol());
            case Outbound.Resume r -> resume(r.symbol(), r.afterSeq());
            case Outbound.Heartbeat h -> {
                heartbeatPending.set(false);
                yield emit(NativeMessages.heartbeat(clock.millis() * 1000, seqs()));
            }
            case Outbound.Close c -> {
                if (batch) {
                    flushBatch();
                }
                sink.flush();
                closed = true;
                sink.close(c.code(), c.reason());
                yield 0;
            }
        };
    }

    private long snapshot(String symbol) {
        return book.firstAndLatest(symbol).map(ends -> {
            if (!advance(ends.latest())) {
                return 0L;
            }
            return emit(NativeMessages.update(format, ends.latest(), ends.first().price(), true, 0));
        }).orElse(0L);
    }

    private long resume(String symbol, long afterSeq) {
        Replay replay = book.since(symbol, afterSeq).orElse(null);
        // A seq beyond the latest means the client saw a history this hub does not have (e.g. seqs
        // restarted): what it holds cannot be trusted, so it gets complete:false and a snapshot.
        if (replay == null || !replay.complete() || afterSeq > replay.latestSeq()) {
            long to = replay == null ? afterSeq : replay.latestSeq();
            long written = emit(NativeMessages.recovered(symbol, afterSeq + 1, to, false));
            return written + snapshot(symbol);
        }
        long written = emit(NativeMessages.recovered(symbol, afterSeq + 1, replay.latestSeq(), true));
        FirstAndLatest ends = book.firstAndLatest(symbol).orElseThrow();
        for (Quote quote : replay.quotes()) {
            if (advance(quote)) {
                written += emit(NativeMessages.update(format, quote, ends.first().price(), false, 0));
            }
        }
        // The client now has everything up to the latest seq, also when there was nothing to replay:
        // a delta of that seq still queued behind this marker must not go out again.
        long[] last = lastSent.computeIfAbsent(symbol, s -> new long[] {0});
        last[0] = Math.max(last[0], replay.latestSeq());
        return written;
    }

    /** Records {@code quote} as sent for its symbol; false when it is not newer than what was sent. */
    private boolean advance(Quote quote) {
        long[] last = lastSent.computeIfAbsent(quote.symbol(), s -> new long[] {0});
        if (quote.seq() <= last[0]) {
            return false;
        }
        last[0] = quote.seq();
        return true;
    }

    private Map<String, Long> seqs() {
        Map<String, Long> out = new TreeMap<>();
        for (String symbol : symbols) {
            long[] last = lastSent.get(symbol);
            out.put(symbol, last == null ? 0 : last[0]);
        }
        return out;
    }

    private long emit(byte[] json) {
        if (!batch) {
            sink.write(json);
            return json.length;
        }
        batchBuffer.write(batchCount == 0 ? '[' : ',');
        batchBuffer.writeBytes(json);
        batchCount++;
        return json.length;
    }

    /** The text {@code pong} is not JSON: it cannot go into a batch array, so it gets its own frame. */
    private long emitAlone(byte[] text) {
        flushBatch();
        sink.write(text);
        return text.length;
    }

    private static boolean isJsonObject(byte[] json) {
        return json.length > 0 && json[0] == '{';
    }

    private void flushBatch() {
        if (batchCount == 0) {
            return;
        }
        batchBuffer.write(']');
        sink.write(batchBuffer.toByteArray());
        batchBuffer.reset();
        batchCount = 0;
    }

    /** Forgets what was sent for {@code symbol} (after an unsubscribe), so a new subscribe gets a snapshot. */
    void forget(String symbol) {
        enqueue(new Outbound.Forget(symbol));
    }
}
