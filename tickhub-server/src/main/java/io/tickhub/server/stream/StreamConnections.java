package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.BarFanOut;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.ConnectionGrant;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.NativeSession;
import io.tickhub.core.fanout.NewsFanOut;
import io.tickhub.core.fanout.SessionLimits;
import io.tickhub.core.fanout.StoredResume;
import io.tickhub.core.fanout.StreamContext;
import io.tickhub.core.fanout.WireFormat;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

/**
 * Opens fan-out connections on Netty channels and ties their life to the transport, the same
 * way for every streaming endpoint: the writer runs on the channel's event loop, resumes when
 * Netty's buffer drains, and every subscription (quotes, news, bars) is released on every exit path:
 * at once when the hub closes the connection, without waiting for the client to take the close.
 * Every stream channel gets the configured write-buffer water marks and counts in the hub's
 * {@link OutboundBudget}.
 */
public final class StreamConnections {

    private final FanOut fanOut;
    private final NewsFanOut news;
    private final BarFanOut bars;
    private final StreamContext context;
    private final StoredResume storedResume;
    private final OutboundBudget budget;
    private final ClosingChannels closing;
    private final SocketBuffers buffers;
    private final StreamGrants grants;

    /** @param grants verifies the native protocol's {@code auth} action; null: not offered */
    StreamConnections(FanOut fanOut, NewsFanOut news, BarFanOut bars, StreamContext context,
                      StoredResume storedResume, OutboundBudget budget, ClosingChannels closing,
                      SocketBuffers buffers, StreamGrants grants) {
        this.grants = grants;
        this.storedResume = storedResume;
        this.budget = budget;
        this.closing = closing;
        this.buffers = buffers;
        this.fanOut = fanOut;
        this.news = news;
        this.bars = bars;
        this.context = context;
    }

    /** The native protocol on {@code connection}. */
    NativeSession nativeSession(Connection connection, SessionLimits limits) {
        return new NativeSession(connection, fanOut, news, bars, context.clock(), limits, storedResume);
    }

    /** The native protocol on {@code connection}, with the {@code auth} action when it has a {@link LiveStream}. */
    NativeSession nativeSession(Connection connection, SessionLimits limits, LiveStream live) {
        if (live == null || grants == null) {
            return nativeSession(connection, limits);
        }
        return new NativeSession(connection, fanOut, news, bars, context.clock(), limits, storedResume,
                live.credentials(), live);
    }

    FanOut fanOut() {
        return fanOut;
    }

    NewsFanOut news() {
        return news;
    }

    StreamContext context() {
        return context;
    }

    OutboundBudget budget() {
        return budget;
    }

    ClosingChannels closing() {
        return closing;
    }

    /** A registered WebSocket connection writing to {@code channel}; it receives nothing until subscribed. */
    Connection open(Channel channel, boolean batch, WireFormat format) {
        return open(channel, new NettyFrameSink(channel, budget, closing), batch, format);
    }

    /** A registered connection writing through {@code sink} on {@code channel}'s event loop. */
    Connection open(Channel channel, TransportSink sink, boolean batch, WireFormat format) {
        buffers.apply(channel);
        Connection connection = new Connection(UUID.randomUUID().toString(), sink, channel.eventLoop(), context,
                batch, format);
        sink.releaseOnClose(() -> release(channel, connection));
        listenForWritability(channel, connection);
        budget.track(channel, connection, sink instanceof SseFrameSink sse ? sse::queuedBytes : () -> 0);
        fanOut.register(connection);
        return connection;
    }

    /**
     * The connection's writer parks at a full socket until this listener hears it drain. On a channel
     * Reactor Netty serves (WebFlux's WebSocket sessions, SSE responses) it goes before the reactive
     * bridge, which takes the writability event for its own back-pressure and passes it on to no
     * handler after it; on a direct upgrade there is no bridge and it goes last.
     */
    private static void listenForWritability(Channel channel, Connection connection) {
        WritabilityListener listener = new WritabilityListener(connection);
        if (channel.pipeline().get(WritabilityListener.NAME) != null) {
            // An earlier stream's on a keep-alive channel whose removal has not run yet: this stream's replaces it.
            channel.pipeline().remove(WritabilityListener.NAME);
        }
        if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, WritabilityListener.NAME, listener);
        } else {
            channel.pipeline().addLast(WritabilityListener.NAME, listener);
        }
    }

    /**
     * Feeds the session's inbound frames to {@code onMessage} (each one also proves the client
     * alive) until the session ends, however it ends; then releases the connection.
     */
    Mono<Void> serve(WebSocketSession session, Channel channel, Connection connection,
                     Consumer<WebSocketMessage> onMessage) {
        return session.receive()
                .doOnNext(message -> {
                    connection.pong();
                    onMessage.accept(message);
                })
                .doFinally(signal -> release(channel, connection))
                .then();
    }

    /** The client is gone: every subscription is released and the channel no longer reports to it. */
    void release(Channel channel, Connection connection) {
        fanOut.unregister(connection);
        news.unregister(connection);
        bars.unregister(connection);
        ConnectionGrant access = connection.access();
        if (access != null) {
            access.ended(); // after every subscription is released: the subject's account is exact
        }
        channel.eventLoop().execute(() -> {
            // This connection's listener only: on a keep-alive channel the next stream may have added its own.
            if (channel.pipeline().get(WritabilityListener.NAME) instanceof WritabilityListener listener
                    && listener.serves(connection)) {
                channel.pipeline().remove(listener);
            }
        });
    }

    /**
     * The stream on {@code channel} has ended and the channel stays open for other requests (an
     * SSE response on a keep-alive connection): it leaves the budget and needs no hard close.
     */
    void finished(Channel channel) {
        budget.untrack(channel);
        closing.finished(channel);
    }
}
