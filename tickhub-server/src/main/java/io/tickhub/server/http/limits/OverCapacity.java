package io.tickhub.server.http.limits;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * A connection past {@code tickhub.limits.connections.max}: answered 503 with a JSON body as soon
 * as it opens and closed, whatever it sends. First in the pipeline, so its answer goes straight to
 * the socket and nothing it sends reaches the HTTP server.
 */
final class OverCapacity extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub.overCapacity";

    private final int max;

    OverCapacity(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(RawResponses.json(503, "Service Unavailable",
                        "The hub holds its maximum of " + max + " connections; try again shortly"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
