package io.tickhub.core.fanout;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * One streaming client: a bounded outbound queue filled by the bus thread (market data) and the
 * connection's own event loop (replies), drained by one writer on that event loop.
 *
 * <p>Threading: {@link #offer(Outbound.Market)} is called by the bus delivery thread only;
 * {@link #writer} must run tasks one at a time in order (a Netty event loop does);
 * {@link #send}, {@link #enqueue} and {@link #tick} by any thread. The writer runs one drain at a
 * time (a work-in-progress counter, as in Reactor), so its state ({@link MessageWriter}) needs no
 * lock and no lock is ever held while writing to the socket.
 *
 * <p>Slow clients: when more than {@link StreamSettings#bufferMessages()} messages wait, the bus
 * thread stops queueing market data for this connection and holds only the latest update per
 * symbol ({@link Conflation}); the writer sends those once the queue is drained. A connection that
 * stays behind longer than the slow-consumer timeout is closed with 4008.
 */
public final class Connection {

    /** Close codes of the protocol. */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int SLOW_CONSUMER = 4008;
    public static final int RATE_LIMITED = 4029;

    private final String id;
    private final FrameSink sink;
    private final Executor writer;
    private final Clock clock;
    private final StreamSettings settings;
    private final FanOutMetrics metrics;
    private final StreamEpoch epoch;
    private final WireFormat format;
    /** Written by the transport's inbound thread, read by housekeeping and the stale check. */
    private volatile boolean seedMessagesOnly;
    private final MpscChunkedArrayQueue<Outbound> queue;
    private final Conflation conflation;
    private final MessageWriter messages;
    private final AtomicInteger wip = new AtomicInteger();
    /** Writer only: the drain stopped at a full transport and keeps its claim until {@link #writable}. */
    private boolean parked;
    /** A close asked by {@link #close}: a drain that would park at a full transport closes at once instead. */
    private volatile Outbound.Close closeAsked;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private volatile boolean wildcard;
    /** Subscriptions over every channel, kept by the fan-outs as they add and release them. */
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final SubscriptionBudget budget;
    /** Who the connection acts as and its deadlines; null where nothing is checked (tests, tools). */
    private volatile ConnectionGrant access;

    private volatile boolean conflating;       // written by the bus thread; read by tick()
    private volatile long conflatingSinceMillis;
    /** Offered market data since the end of the last bus batch; bus thread only (FanOut's batch bookkeeping). */
    boolean pendingFlush;
    /**
     * Bus thread only: how many more updates {@link #offer} may queue before it must read the
     * queue's size again. Only the writer shrinks the queue meanwhile, so this never overstates
     * the room below {@link StreamSettings#bufferMessages()} (but for the few control items other
     * threads add). Reading the size costs a load of the writer's index, a cache line the writer
     * owns, and twenty connections per quote made that 3 % of the bus thread at 75,000 quotes/s.
     */
    private int room;

    private volatile long lastWriteMillis;
    private volatile long lastPingMillis;
    private volatile long lastPongMillis;
    /** maxRate is holding updates back; written by the writer, read by {@link #tick}. */
    private volatile boolean holding;
    /** Where the writer lists this connection while it holds updates (the fan-out's set); none before registration. */
    private volatile Set<Connection> holders;
    private volatile boolean closed;
    /** Set once by whichever thread (bus, ticker, event loop) closes first. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** A heartbeat is queued and not yet written: a stuck client gets one, not one per tick. */
    private final AtomicBoolean heartbeatPending = new AtomicBoolean();
    /** A ping fell due with that heartbeat: the drain that writes the heartbeat sends it in the same flush. */
    private final AtomicBoolean pingWithHeartbeat = new AtomicBoolean();

    public Connection(String id, FrameSink sink, Executor writer, StreamContext context, boolean batch,
                      WireFormat format) {
        this.id = id;
        this.sink = sink;
        this.writer = writer;
        this.clock = context.clock();
        this.settings = context.settings();
        this.metrics = context.metrics();
        this.epoch = context.epoch();
        this.format = format;
        this.budget = context.subscriptions();
        this.queue = new MpscChunkedArrayQueue<>(16, settings.queueCapacity());
        this.conflation = new Conflation(queue);
        this.messages = new MessageWriter(this, sink, context, format, batch);
        long now = clock.millis();
        this.lastWriteMillis = now;
        this.lastPingMillis = now;
        this.lastPongMillis = now;
    }

    /** The stream epoch of every seq this connection is sent. */
    public StreamEpoch epoch() {
        return epoch;
    }

    public String id() {
        return id;
    }

    /**
     * Whether the native protocol's own messages ({@code heartbeat}, {@code stale}) go out: on a native format,
     * unless the connection is held to system D's message types until its client shows it speaks the native
     * protocol ({@link #holdToSeedMessagesUntilNative}).
     */
    public boolean sendsNativeMessages() {
        return format.speaksNativeProtocol() && !seedMessagesOnly;
    }

    /**
     * From now on only system D's message types go out until {@link #clientSpokeNative}: {@code /ws} serves D's
     * clients, whose hook logs "Unknown message type" for each {@code heartbeat}. Called once, at open.
     */
    public void holdToSeedMessagesUntilNative() {
        seedMessagesOnly = true;
    }

    /** The client sent something only a native client sends: heartbeats and {@code stale} go out from now on. */
    public void clientSpokeNative() {
        seedMessagesOnly = false;
    }

    public WireFormat format() {
        return format;
    }

    /** Symbols this connection is subscribed to by name (live view; mutated by its session's thread). */
    public Set<String> symbols() {
        return symbols;
    }

    /** Subscribed to every symbol ({@code *}, or system A's stream without a watchlist). */
    public boolean isWildcard() {
        return wildcard;
    }

    void wildcard(boolean on) {
        wildcard = on;
    }

    /** Whether updates of {@code symbol} are wanted. */
    public boolean isSubscribed(String symbol) {
        return wildcard || symbols.contains(symbol);
    }

    /** Subscriptions held over every channel ({@code *} one per channel); what the per-connection limit bounds. */
    public int subscriptionCount() {
        return subscriptions.get();
    }

    /** The hub's count of subscriptions, which this connection's are part of. */
    SubscriptionBudget budget() {
        return budget;
    }

    FanOutMetrics metrics() {
        return metrics;
    }

    /** A fan-out added one of this connection's subscriptions (any channel). */
    void subscriptionAdded() {
        subscriptions.incrementAndGet();
        budget.added();
        SubjectAccount account = account();
        if (account != null) {
            account.added();
        }
    }

    /** A fan-out released one of this connection's subscriptions. */
    void subscriptionRemoved() {
        subscriptions.decrementAndGet();
        budget.removed();
        SubjectAccount account = account();
        if (account != null) {
            account.removed();
        }
    }

    /** Who the connection acts as; null where nothing is checked. */
    public ConnectionGrant access() {
        return access;
    }

    /** Set once, before the connection's first subscription ({@link ConnectionGrant#granted}, {@link ConnectionGrant#pending}). */
    void access(ConnectionGrant grant) {
        access = grant;
    }

    /** The account of the subject the connection acts as, which its subscriptions count toward; null: none. */
    SubjectAccount account() {
        ConnectionGrant grant = access;
        return grant == null ? null : grant.account();
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
            // A queue with anything in it is behind for sure: only an empty one takes the conflation's lock
            // to be sure nothing is held either. The slow-consumer timeout is {@link #tick}'s to check: a
            // clock read here was a third of what a client that reads nothing cost the bus per update.
            if (!queue.isEmpty() || !conflation.caughtUp()) {
                conflation.hold(market.quote()); // what it replaces is counted there, reported by reportConflated
                return true;
            }
            conflating = false; // everything older has been handed to the writer
        }
        if (room <= 0) {
            room = settings.bufferMessages() - queue.size();
        }
        if (room <= 0 || !queue.offer(market)) {
            room = 0;
            conflating = true;
            conflatingSinceMillis = clock.millis();
            conflation.hold(market.quote());
        } else {
            room--;
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

    /**
     * Closes after what is queued has been written; at once when there is no room left to queue the
     * close, or when the writer is parked at a full transport: a client that takes nothing would
     * otherwise keep its connection (past an expired credential, through a shutdown) for as long as
     * it kept answering pings.
     */
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        Outbound.Close close = new Outbound.Close(code, reason);
        closeAsked = close; // before the writer is woken: a drain that finds the transport full closes instead of parking
        if (queue.offer(close)) {
            writer.execute(this::resume); // a parked drain runs again and meets the full transport with the close asked
        } else {
            closeNow(code, reason);
        }
    }

    /** The transport saw a pong (or any inbound traffic that proves the client alive). */
    public void pong() {
        lastPongMillis = clock.millis();
    }

    /**
     * Periodic housekeeping (any thread; the server's stream ticker runs it once a second): release updates maxRate held
     * back, heartbeat an idle client, ping every client once per interval (a busy one too: it
     * must have a ping to answer), close one that answers no ping for two intervals or stays
     * conflated past the timeout, or whose credential has run out ({@link ConnectionGrant}).
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
        if (conflating) {
            reportConflated();
            if (!conflation.caughtUp() && behindTooLong(now)) {
                closeSlowConsumer();
                return;
            }
        }
        ConnectionGrant grant = access;
        if (grant != null) {
            grant.tick(now); // the auth timeout and the credential's expiry
        }
        if (holding) {
            schedule();
        }
        boolean pingDue = now - lastPingMillis >= interval;
        if (pingDue) {
            lastPingMillis = now;
        }
        if (format.sendsHeartbeats() && !seedMessagesOnly && now - lastWriteMillis >= interval
                && heartbeatPending.compareAndSet(false, true)) {
            if (pingDue) {
                pingWithHeartbeat.set(true); // before the enqueue: the drain it schedules must see it
                pingDue = false;
            }
            enqueue(new Outbound.Heartbeat());
        }
        if (pingDue) {
            writer.execute(sink::ping);
        }
    }

    /** Set once by the fan-out when it registers this connection, before any subscription can hold updates. */
    void reportHoldingTo(Set<Connection> holders) {
        this.holders = holders;
    }

    /** Schedules a drain if {@code maxRate} holds updates (they are released when due). */
    public void releaseHeld() {
        if (closed) {
            // A drain that ran as the connection was unregistered may have listed it again: not for long.
            Set<Connection> h = holders;
            if (h != null) {
                h.remove(this);
            }
            return;
        }
        if (holding) {
            schedule();
        }
    }

    /** The transport is gone (client left, reset): stop queueing; the writer frees what is queued. */
    public void terminated() {
        closed = true;
        writer.execute(this::discard);
    }

    /** Writer only (the queue has a single consumer). */
    private void discard() {
        int dropped = conflation.clear();
        reportConflated(); // after the clear: a replacement made meanwhile is counted too
        while (queue.poll() != null) {
            dropped++;
        }
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
    }

    /** Any thread: the transport can take data again after it was full. Resumes the drain parked on it. */
    public void writable() {
        writer.execute(this::resume);
    }

    /** Writer: runs the drain that parked at a full transport; any other time, schedules one as a new arrival would. */
    private void resume() {
        if (parked) {
            parked = false;
            drain(wip.get()); // every claim made while parked is served by this pass: it reads the queue after them
        } else {
            schedule();
        }
    }

    /** Conflating for longer than the slow-consumer timeout. */
    private boolean behindTooLong(long nowMillis) {
        return nowMillis - conflatingSinceMillis > settings.slowConsumerTimeout().toMillis();
    }

    /**
     * Reports the updates conflation replaced since the last report: from the writer when it takes
     * held updates or frees them, and from {@link #tick} while a client reads nothing. A metric's
     * increment per update was a tenth of what such a client cost the bus thread.
     */
    private void reportConflated() {
        long replaced = conflation.takeReplaced();
        if (replaced > 0) {
            metrics.conflated(replaced);
        }
    }

    private void closeSlowConsumer() {
        if (closeNow(SLOW_CONSUMER, "slow consumer")) {
            metrics.slowConsumerClosed();
        }
    }

    /**
     * Closes at once with {@code code}, not behind the queue: what is queued or held is dropped.
     * For a transport that must shed a connection now (the hub's outbound budget).
     */
    public void closeAtOnce(int code, String reason) {
        closeNow(code, reason);
    }

    /**
     * Closes at once (not behind the queue); true for the one caller that actually closed it.
     * The queue and the held updates are freed on the writer before the sink closes: a client
     * that is closed because it reads nothing would otherwise keep them until its socket goes.
     */
    private boolean closeNow(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        closed = true;
        writer.execute(() -> {
            discard();
            sink.close(code, reason);
        });
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
        drain(1);
    }

    /**
     * Writes until the queue and the held updates are empty or the transport is full. At a full
     * transport the drain parks instead of ending: it keeps its claim ({@link #wip} stays above
     * zero), so the updates that keep coming for a client that reads nothing cost the bus no
     * wake-up and its event loop no visit, only the claim's increment; {@link #writable} resumes it.
     */
    private void drain(int claimed) {
        int missed = claimed;
        do {
            long bytes = 0;
            boolean pinged = false;
            long oldestMicros = Long.MAX_VALUE;
            boolean tookHeld = false;
            boolean full = !sink.isWritable();
            if (!closed && !full) {
                bytes += messages.releaseDue();
            }
            while (!closed) {
                // Decided by the last check only: a budget or SSE queue can free the transport from another
                // thread between two checks, and a drain that parked on a stale answer would wait for a
                // writability event that never comes.
                full = !sink.isWritable();
                if (full) {
                    break;
                }
                Outbound item = queue.poll();
                if (item == null) {
                    // Only a conflating connection holds updates (the bus raises the flag before it holds
                    // one, and a held update's offer claims a drain that comes after it): every other
                    // connection's drain ends without the conflation's monitor, a cost per drain of every
                    // connection (1 % of the core at 56,000 updates/s to 1,000 clients).
                    item = conflating ? conflation.next() : null;
                    tookHeld |= item != null;
                    if (item == null) {
                        if (queue.isEmpty()) {
                            break;
                        }
                        continue; // refilled between the poll and the conflated check
                    }
                }
                if (item instanceof Outbound.Close c) {
                    closeAfterWrites(c);
                    break;
                }
                if (item instanceof Outbound.Heartbeat) {
                    heartbeatPending.set(false);
                    if (pingWithHeartbeat.getAndSet(false)) {
                        sink.queuePing(); // written before the heartbeat, flushed with it below
                        pinged = true;
                    }
                }
                long marketMicros = hubMicros(item);
                long written = messages.write(item);
                if (written > 0) {
                    bytes += written;
                    oldestMicros = Math.min(oldestMicros, marketMicros);
                }
                if (messages.batchFull()) {
                    messages.flushBatch();
                }
            }
            boolean nowHolding = messages.holding();
            if (nowHolding != holding) {
                holding = nowHolding;
                Set<Connection> h = holders;
                if (h != null) {
                    if (nowHolding) {
                        h.add(this);
                    } else {
                        h.remove(this);
                    }
                }
            }
            if (pinged && bytes == 0 && !closed) {
                sink.flush(); // the heartbeat was not written after all: the ping still goes
            }
            if (bytes > 0 && !closed) {
                messages.flushBatch();
                sink.flush();
                Instant now = clock.instant();
                lastWriteMillis = now.toEpochMilli();
                metrics.sent(messages.takeWritten(), bytes);
                if (oldestMicros != Long.MAX_VALUE) {
                    long nowMicros = Timestamps.micros(now);
                    metrics.latencyMicros(Math.max(0, nowMicros - oldestMicros));
                }
            }
            if (tookHeld) {
                reportConflated();
            }
            if (full && !closed) {
                Outbound.Close asked = closeAsked;
                if (asked != null) {
                    closeNow(asked.code(), asked.reason()); // a close must not wait for a client that takes nothing
                } else {
                    parked = true; // the transport's writability event resumes this drain
                }
                return;
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void closeAfterWrites(Outbound.Close close) {
        messages.flushBatch();
        sink.flush();
        closed = true;
        sink.close(close.code(), close.reason());
    }

    /** Hub time of a market item (for the fan-out latency histogram); MAX_VALUE for anything else. */
    private static long hubMicros(Outbound item) {
        return switch (item) {
            case Outbound.Market m -> m.quote().hubTimeMicros();
            case Outbound.Conflated c -> c.hubMicros();
            default -> Long.MAX_VALUE;
        };
    }

    /** Forgets what was sent for {@code symbol} (after an unsubscribe), so a new subscribe gets a snapshot. */
    void forget(String symbol) {
        enqueue(new Outbound.Forget(symbol));
    }

    /**
     * Drops the update of {@code symbol} held for this slow connection, if any: it was unsubscribed,
     * and a later subscription must not get it (nor count what it replaced as skipped). Any thread.
     */
    void dropHeld(String symbol) {
        conflation.drop(symbol);
    }
}
