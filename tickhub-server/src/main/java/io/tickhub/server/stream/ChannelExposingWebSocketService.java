package io.tickhub.server.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * WebSocket handshakes on Reactor Netty that hand a {@link ChannelAwareHandler} the connection's
 * Netty {@link Channel}, so the fan-out can write frames to it directly, with the protocol's
 * edges set right on every endpoint ({@link WebSocketPipeline}): a client message larger than
 * {@code maxFrameBytes}, in one frame or in fragments, closes with 1009; text that is not UTF-8
 * with 1007; RSV bits without an extension with 1002.
 */
public final class ChannelExposingWebSocketService extends HandshakeWebSocketService {

    private final int maxFrameBytes;
    private final ClosingChannels closing;
    private final MeterRegistry meters;

    public ChannelExposingWebSocketService(int maxFrameBytes, ClosingChannels closing, MeterRegistry meters) {
        super(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false)));
        this.maxFrameBytes = maxFrameBytes;
        this.closing = closing;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (handler instanceof ChannelAwareHandler aware && nativeRequest instanceof Connection connection) {
            Channel channel = connection.channel();
            // Called on the channel's event loop once the handshake is written, before any frame is read.
            return super.handleRequest(exchange, session -> {
                WebSocketPipeline.harden(channel, maxFrameBytes, closing, meters);
                return aware.handle(session, channel);
            });
        }
        return super.handleRequest(exchange, handler);
    }
}
