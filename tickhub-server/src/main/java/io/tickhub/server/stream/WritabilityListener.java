package io.tickhub.server.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tickhub.core.fanout.Connection;

/** Resumes a connection's writer when Netty's outbound buffer drains below its low-water mark. */
final class WritabilityListener extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub-writability";

    private final Connection connection;

    WritabilityListener(Connection connection) {
        this.connection = connection;
    }

    /** Whether it resumes {@code other}: an SSE keep-alive channel carries one stream after another. */
    boolean serves(Connection other) {
        return connection == other;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            connection.writable();
        }
        super.channelWritabilityChanged(ctx);
    }
}
