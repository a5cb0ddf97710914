package io.tickhub.server.http.limits;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.tickhub.server.config.ConnectionLimitsProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP port's own limits, on Reactor Netty: a cap on open connections (503 past it), a deadline
 * for each request's headers (408), JSON bodies on Netty's own 400, 414 and 431, and accept failures
 * for want of descriptors said once. The keep-alive idle timeout and the size limits are Spring's
 * {@code server.netty.*} settings. See docs/operations.md, Limits.
 */
public final class HttpConnectionGuard implements NettyServerCustomizer {

    /** The handler after the HTTP codec that gives Netty's bodiless decoding failures a JSON body. */
    public static final String DECODING_FAILURE_BODIES = DecodingFailureBodies.NAME;

    private final ConnectionBudget budget;
    private final ConnectionLimitsProperties limits;
    private final LimitRefusals refusals;
    private final ObjectMapper json;
    private final AcceptFailures acceptFailures;
    private final AtomicInteger open = new AtomicInteger();

    public HttpConnectionGuard(ConnectionBudget budget, ConnectionLimitsProperties limits, LimitRefusals refusals,
                               ObjectMapper json) {
        this.budget = budget;
        this.limits = limits;
        this.refusals = refusals;
        this.json = json;
        this.acceptFailures = new AcceptFailures(refusals, budget);
        for (String limit : new String[] {"connections", "descriptors", "request_header_timeout", "request_line",
                "request_headers"}) {
            refusals.declare(limit);
        }
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server
                .doOnChannelInit((observer, channel, remoteAddress) -> guard(channel))
                .doOnBound(this::watchAccepts);
    }

    /** Open HTTP connections, refused ones included until they close. */
    public int openConnections() {
        return open.get();
    }

    private void guard(Channel channel) {
        acceptFailures.accepted();
        int now = open.incrementAndGet();
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        if (now > budget.maxConnections()) {
            refusals.count("connections");
            channel.pipeline().addFirst(OverCapacity.NAME, new OverCapacity(budget.maxConnections()));
            return;
        }
        new RequestHeaderDeadline(limits.requestHeaderTimeout(), refusals).install(channel.pipeline());
        channel.pipeline().addAfter(RequestHeaderDeadline.REQUESTS, DecodingFailureBodies.NAME,
                new DecodingFailureBodies(json, refusals));
    }

    private void watchAccepts(DisposableServer server) {
        server.channel().pipeline().addFirst(AcceptFailures.NAME, acceptFailures);
        acceptInBatches(server.channel().config());
    }

    /**
     * How many connections the listening socket accepts each time its event loop turns to I/O: as
     * many as are waiting, up to {@link #ACCEPTS_PER_READ}. Netty's listening socket stops after
     * one accept unless the read "may have more data", which an accept never reports, so it took
     * one connection per turn of the loop; a loop busy with the fan-out turns to I/O every 15-20 ms
     * at saturation, and a thousand clients arriving together at 56,000 updates/s waited 28-54 s
     * in the kernel's accept queue (its length stayed at the harness's 99 in flight) while the
     * loop served the connected clients' requests within tens of milliseconds. With this, 4.9 s.
     */
    static void acceptInBatches(ChannelConfig listening) {
        if (listening.getRecvByteBufAllocator() instanceof DefaultMaxMessagesRecvByteBufAllocator accepts) {
            accepts.maxMessagesPerRead(ACCEPTS_PER_READ);
            accepts.respectMaybeMoreData(false);
        }
    }

    /** Connections accepted per turn of the listening socket's event loop; see {@link #acceptInBatches}. */
    static final int ACCEPTS_PER_READ = 256;
}
