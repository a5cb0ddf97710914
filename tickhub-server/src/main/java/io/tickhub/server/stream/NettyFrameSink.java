package io.tickhub.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A WebSocket connection's Netty channel as a {@link io.tickhub.core.fanout.FrameSink}. Called on
 * the channel's event loop only. The shared {@code byte[]} of an update is wrapped, not copied,
 * for every subscriber.
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
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), channel.voidPromise());
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
    public void close(int code, String reason) {
        release.run();
        if (channel.isActive()) {
            closing.closing(channel);
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
