package io.tickhub.server.http.limits;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the listening socket, ahead of Reactor Netty's acceptor: an accept that fails for want of
 * descriptors is counted in {@code tickhub_limits_refused_total{limit="descriptors"}} and logged once
 * when it starts and once when accepting works again. Reactor Netty's acceptor stops accepting for a
 * second after a failed accept (so the loop does not spin) and keeps the listening socket open, but
 * says nothing: before this handler the hub ran out of descriptors silently. Pending connections wait
 * in the kernel's backlog meanwhile.
 */
@ChannelHandler.Sharable
final class AcceptFailures extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub.acceptFailures";
    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);

    private final LimitRefusals refusals;
    private final ConnectionBudget budget;
    /** Failed accepts since the last one that worked; 0 while accepting works. */
    private final AtomicLong failing = new AtomicLong();

    AcceptFailures(LimitRefusals refusals, ConnectionBudget budget) {
        this.refusals = refusals;
        this.budget = budget;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Passed on in every case: Reactor Netty's acceptor, next in line, pauses accepting for a second.
        ctx.fireExceptionCaught(cause);
        if (!isDescriptorExhaustion(cause)) {
            return;
        }
        refusals.count("descriptors");
        if (failing.getAndIncrement() == 0) {
            log.warn("Cannot accept connections: {} (descriptor limit {}, connection cap {}). New connections wait "
                            + "in the backlog; each failed accept is counted in tickhub_limits_refused_total"
                            + "{limit=\"descriptors\"}, and the next accepted connection is logged.",
                    cause.getMessage(), budget.descriptorLimit(), budget.maxConnections());
        }
    }

    /** A connection was accepted: if accepts had been failing, say that they work again. */
    void accepted() {
        long failed = failing.getAndSet(0);
        if (failed > 0) {
            log.info("Accepting connections again after {} failed accepts", failed);
        }
    }

    static boolean isDescriptorExhaustion(Throwable cause) {
        String message = cause.getMessage();
        return cause instanceof IOException && message != null
                && (message.contains("Too many open files") || message.contains("EMFILE") || message.contains("ENFILE"));
    }
}
