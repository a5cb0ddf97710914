package io.tickhub.server.http.limits;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * A deadline for a request's line and headers (slowloris): they must all have arrived within the
 * timeout of the connection's opening, or of the first byte of the request. Otherwise the client
 * gets 408 with a JSON body (or only the close, if an earlier response is still being written) and
 * the connection is closed. Reactor Netty's own timeouts start only once the headers are in, and its
 * idle timeout is reset by every byte, so one byte every few seconds held a connection for ever.
 *
 * <p>Two handlers share the state: {@link #bytes()} before the HTTP codec sees a request begin,
 * {@link #requests()} after it sees the headers decoded and the request end. Both run on the
 * channel's event loop. Once the connection is upgraded to WebSocket (the codec is gone) they
 * remove themselves: a WebSocket has its own heartbeat.
 */
final class RequestHeaderDeadline {

    static final String BYTES = "tickhub.requestHeaderDeadline";
    static final String REQUESTS = "tickhub.requestHeaderDeadline.requests";

    private enum State { AWAITING_HEADERS, IN_REQUEST, BETWEEN_REQUESTS }

    private final long timeoutMillis;
    private final LimitRefusals refusals;
    private final Bytes bytes = new Bytes();
    private final Requests requests = new Requests();
    private State state = State.AWAITING_HEADERS;
    private ScheduledFuture<?> timer;
    private int responsesPending;

    RequestHeaderDeadline(Duration timeout, LimitRefusals refusals) {
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.refusals = refusals;
    }

    /** Adds both handlers around Reactor Netty's HTTP codec. */
    void install(ChannelPipeline pipeline) {
        pipeline.addBefore(NettyPipeline.HttpCodec, BYTES, bytes);
        pipeline.addAfter(NettyPipeline.HttpCodec, REQUESTS, requests);
    }

    ChannelInboundHandlerAdapter bytes() {
        return bytes;
    }

    ChannelDuplexHandler requests() {
        return requests;
    }

    private void arm(ChannelHandlerContext ctx) {
        state = State.AWAITING_HEADERS;
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (state != State.AWAITING_HEADERS || !ctx.channel().isActive() || upgraded(ctx.pipeline())) {
            return;
        }
        refusals.count("request_header_timeout");
        if (responsesPending > 0) {
            ctx.close();
            return;
        }
        // From the handler before the codec, the bytes go straight to the socket (or TLS).
        ctx.writeAndFlush(RawResponses.json(408, "Request Timeout",
                        "Request headers not received within " + timeoutMillis + " ms"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean upgraded(ChannelPipeline pipeline) {
        return pipeline.context(NettyPipeline.HttpCodec) == null;
    }

    private void leave(ChannelPipeline pipeline) {
        disarm();
        if (pipeline.context(bytes) != null) {
            pipeline.remove(bytes);
        }
        if (pipeline.context(requests) != null) {
            pipeline.remove(requests);
        }
    }

    /** Before the codec: the connection opens, a request's first bytes arrive. */
    private final class Bytes extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (upgraded(ctx.pipeline())) {
                leave(ctx.pipeline());
            } else if (state == State.BETWEEN_REQUESTS) {
                arm(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    /** After the codec: the headers are in, the request has ended, a response has ended. */
    private final class Requests extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                disarm();
                state = State.IN_REQUEST;
                responsesPending++;
            }
            if (msg instanceof LastHttpContent) {
                state = State.BETWEEN_REQUESTS;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && responsesPending > 0) {
                responsesPending--;
            }
            ctx.write(msg, promise);
        }
    }
}
