package io.tickhub.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Last handler of a client pipeline: subscribes once the handshake is done, then measures frames. */
final class WsClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private final Connection conn;
  private final FrameProcessor proc;
  private final LoopStats stats;
  private final MicroClock clock;
  private final String subscribe;

  WsClientHandler(Connection conn, FrameProcessor proc, LoopStats stats, MicroClock clock, String subscribe) {
    this.conn = conn;
    this.proc = proc;
    this.stats = stats;
    this.clock = clock;
    this.subscribe = subscribe;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      ctx.writeAndFlush(new TextWebSocketFrame(subscribe));
      conn.ok();
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      conn.fail("websocket handshake timeout");
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      long now = clock.nowMicros();
      ByteBuf c = frame.content();
      int n = c.readableBytes();
      byte[] buf = stats.scratch(n);
      c.getBytes(c.readerIndex(), buf, 0, n);
      proc.onFrame(buf, 0, n, now);
    } else if (frame instanceof CloseWebSocketFrame close) {
      int code = close.statusCode();
      String reason = close.reasonText();
      conn.closeReason = "close " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(f -> ctx.close());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String msg = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (conn.closeReason == null) {
      conn.closeReason = msg;
    }
    conn.fail(msg); // no-op once settled, apart from closing
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    conn.inactive();
    super.channelInactive(ctx);
  }
}
