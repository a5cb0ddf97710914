package io.tickhub.server.http.limits;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the listening socket, ahead of Reactor Netty's acceptor: an accept that fails for want of
 * descriptors is counted in {@code tickhub_limits_refused_total{limit="descriptors"}}, and each
 * episode of failures is logged twice, when it starts and when it is over. Reactor Netty's acceptor
 * stops accepting for a second after a failed accept (so the loop does not spin) and keeps the
 * listening socket open, but says nothing: before this handler the hub ran out of descriptors
 * silently. Pending connections wait in the kernel's backlog meanwhile.
 *
 * <p>An episode is over once accepts have worked for {@link #SETTLE} with no failure. At the edge
 * of the limit a descriptor freed for a moment (a client leaving, a file closed) lets one accept
 * through between two failed ones; ending the episode at that accept logged the pair of lines again
 * each time, up to once a second under churn, and a test saw it happen.
 */
@ChannelHandler.Sharable
final class AcceptFailures extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub.acceptFailures";
    /** How long accepts must work, with no failure, before an episode is said to be over. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);

    private final LimitRefusals refusals;
    private final ConnectionBudget budget;
    private final long settleNanos;
    /** Failed accepts in the episode under way; 0 outside one. */
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean settling = new AtomicBoolean();
    /** The listening socket's loop: its ticker is the clock, and the episode's end is checked on it. */
    private volatile EventExecutor loop;
    private volatile long lastFailure;
    private final AtomicLong lastAccept = new AtomicLong();

    AcceptFailures(LimitRefusals refusals, ConnectionBudget budget) {
        this(refusals, budget, SETTLE);
    }

    AcceptFailures(LimitRefusals refusals, ConnectionBudget budget, Duration settle) {
        this.refusals = refusals;
        this.budget = budget;
        this.settleNanos = settle.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        loop = ctx.executor();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Passed on in every case: Reactor Netty's acceptor, next in line, pauses accepting for a second.
        ctx.fireExceptionCaught(cause);
        if (!isDescriptorExhaustion(cause)) {
            return;
        }
        refusals.count("descriptors");
        lastFailure = loop.ticker().nanoTime();
        if (failed.getAndIncrement() == 0) {
            log.warn("Cannot accept connections: {} (descriptor limit {}, connection cap {}). New connections wait "
                            + "in the backlog; each failed accept is counted in tickhub_limits_refused_total"
                            + "{limit=\"descriptors\"}, and the end of this is logged once accepts have worked for {} s.",
                    cause.getMessage(), budget.descriptorLimit(), budget.maxConnections(),
                    TimeUnit.NANOSECONDS.toSeconds(settleNanos));
        }
    }

    /** A connection was accepted, on any thread: if an episode is under way, see whether it is over. */
    void accepted() {
        EventExecutor at = loop;
        if (at == null || failed.get() == 0) {
            return;
        }
        // Several loops accept: keep the latest, so an accept after the last failure is never forgotten.
        lastAccept.accumulateAndGet(at.ticker().nanoTime(), (a, b) -> b - a > 0 ? b : a);
        if (settling.compareAndSet(false, true)) {
            at.schedule(this::settle, settleNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** On the listening loop, {@link #SETTLE} after an accept in an episode. */
    private void settle() {
        if (lastAccept.get() - lastFailure <= 0) {
            // The last word was a failure: the next accept looks again.
            settling.set(false);
            if (lastAccept.get() - lastFailure > 0 && settling.compareAndSet(false, true)) {
                loop.schedule(this::settle, settleNanos, TimeUnit.NANOSECONDS);
            }
            return;
        }
        long sinceFailure = loop.ticker().nanoTime() - lastFailure;
        if (sinceFailure < settleNanos) {
            // Accepted since the last failure: look again when that failure is SETTLE old.
            loop.schedule(this::settle, settleNanos - sinceFailure, TimeUnit.NANOSECONDS);
            return;
        }
        long count = failed.getAndSet(0);
        settling.set(false);
        if (count > 0) {
            log.info("Accepting connections again after {} failed accepts", count);
        }
    }

    static boolean isDescriptorExhaustion(Throwable cause) {
        String message = cause.getMessage();
        return cause instanceof IOException && message != null
                && (message.contains("Too many open files") || message.contains("EMFILE") || message.contains("ENFILE"));
    }
}
