package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a directly upgraded native stream's pipeline ({@link DirectUpgrade}): whole client
 * messages (fragments are joined before) go to the native protocol, and each frame proves the
 * client alive. A ping is answered with a pong; a close from the client is answered with a close
 * (unless the hub's own close is the one being answered) and ends the connection. When the socket
 * closes, however it closes, the connection and its place among the admitted are given back.
 */
final class DirectFrames extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub-native-frames";
    private static final Logger log = LoggerFactory.getLogger(DirectFrames.class);

    private final NativeStreamHandler.NativeInbound inbound;
    private final ClosingChannels closing;
    private final StreamAdmission.Permit permit;

    DirectFrames(NativeStreamHandler.NativeInbound inbound, ClosingChannels closing, StreamAdmission.Permit permit) {
        this.inbound = inbound;
        this.closing = closing;
        this.permit = permit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            inbound.connection().pong();
            switch (msg) {
                case TextWebSocketFrame text -> inbound.text(text.text());
                case BinaryWebSocketFrame ignored -> inbound.binary();
                case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                case CloseWebSocketFrame close -> closed(ctx, close);
                default -> { } // a pong: alive, which is all it says
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void closed(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        Channel channel = ctx.channel();
        if (closing.isClosing(channel) || !channel.isActive()) {
            channel.close(); // the client's answer to the hub's close
            return;
        }
        int code = close.statusCode();
        CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                : new CloseWebSocketFrame(code, null);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended(ctx.channel(), inbound, permit);
        ctx.fireChannelInactive();
    }

    /** The client is gone: its subscriptions and its place are given back (each at most once). */
    static void ended(Channel channel, NativeStreamHandler.NativeInbound inbound, StreamAdmission.Permit permit) {
        inbound.release(channel);
        permit.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A socket reset, or one closed in the middle of a fragmented message: the client's doing.
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            log.debug("Stream connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("Stream connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
