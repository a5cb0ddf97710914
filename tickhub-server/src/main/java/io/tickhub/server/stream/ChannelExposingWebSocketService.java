package io.tickhub.server.stream;

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
 * Netty {@link Channel}, so the fan-out can write frames to it directly. A client frame larger
 * than {@code maxFrameBytes} makes Netty close the connection with 1009.
 */
public final class ChannelExposingWebSocketService extends HandshakeWebSocketService {

    public ChannelExposingWebSocketService(int maxFrameBytes) {
        super(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false)));
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (handler instanceof ChannelAwareHandler aware && nativeRequest instanceof Connection connection) {
            Channel channel = connection.channel();
            return super.handleRequest(exchange, session -> aware.handle(session, channel));
        }
        return super.handleRequest(exchange, handler);
    }
}
