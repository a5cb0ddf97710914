package io.tickhub.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A WebSocket connection's Netty channel as a {@link io.tickhub.core.fanout.FrameSink}. Called on
 * the channel's event loop only.
 *
 * <p>Data frames are built here, header and payload in one pooled direct buffer
 * ({@link WebSocketFrames}), and written from the frame encoder's place in the pipeline towards
 * the socket: they skip the encoder and every handler above it, which, with a message or two
 * per write, cost more than the write itself (the pipeline walk was the event loop's first hot
 * spot under load). Pings and closes still go down the whole pipeline, so the close watch sees
 * every close frame; all writes are made on the event loop, so they reach the socket in order.
 *
 * <p>Closing: the connection is released at once, the close frame is written behind whatever
 * Netty still holds, and the socket closes when it has gone out or, for a client that reads
 * nothing, hard at the close timeout ({@link ClosingChannels}).
 */
final class NettyFrameSink implements TransportSink {

    private final Channel channel;
    private final OutboundBudget budget;
    private final ClosingChannels closing;
    private Runnable release = () -> { };
    /** Where framed bytes enter the pipeline: the frame encoder's context; null until the first write. */
    private ChannelHandlerContext framed;

    NettyFrameSink(Channel channel, OutboundBudget budget, ClosingChannels closing) {
        this.channel = channel;
        this.budget = budget;
        this.closing = closing;
    }

    @Override
    public void releaseOnClose(Runnable release) {
        this.release = release;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable() && budget.admits(channel);
    }

    @Override
    public void write(byte[] utf8) {
        write(utf8, 0, utf8.length);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        ChannelHandlerContext out = framed();
        if (out == null) {
            // No frame encoder (a pipeline being torn down): the channel's own path, copying.
            channel.write(new TextWebSocketFrame(Unpooled.copiedBuffer(buffer, offset, length)), channel.voidPromise());
            return;
        }
        out.write(WebSocketFrames.text(channel.alloc(), buffer, offset, length), out.voidPromise());
    }

    private ChannelHandlerContext framed() {
        ChannelHandlerContext out = framed;
        if (out == null || out.isRemoved()) {
            out = channel.pipeline().context(WebSocketFrameEncoder.class);
            framed = out;
        }
        return out;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void ping() {
        if (channel.isActive()) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    @Override
    public void queuePing() {
        if (channel.isActive()) {
            channel.write(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    @Override
    public void close(int code, String reason) {
        release.run();
        if (channel.isActive()) {
            closing.closing(channel);
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
