package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.server.http.error.ErrorBodies;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.ObjectMapper;

/**
 * WebSocket handshakes on Reactor Netty that hand a {@link ChannelAwareHandler} the connection's
 * Netty {@link Channel}, so the fan-out can write frames to it directly. A client frame larger
 * than {@code maxFrameBytes} makes Netty close the connection with 1009. A handshake past the
 * {@link StreamAdmission} caps is answered 503 or 429 with a JSON body and not upgraded.
 */
public final class ChannelExposingWebSocketService extends HandshakeWebSocketService {

    private final StreamAdmission admission;
    private final ObjectMapper json;

    public ChannelExposingWebSocketService(int maxFrameBytes, StreamAdmission admission, ObjectMapper json) {
        super(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false)));
        this.admission = admission;
        this.json = json;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        StreamAdmission.Admission admitted = admission.admit(exchange.getRequest().getRemoteAddress());
        if (admitted.refusal() != null) {
            return refuse(exchange, admitted.refusal());
        }
        StreamAdmission.Permit permit = admitted.permit();
        // The session's end gives the place back; so does a handshake that never reached the handler.
        AtomicBoolean started = new AtomicBoolean();
        WebSocketHandler exposed = exposing(exchange, handler);
        WebSocketHandler releasing = session -> {
            started.set(true);
            return exposed.handle(session).doFinally(signal -> permit.release());
        };
        return super.handleRequest(exchange, releasing).doFinally(signal -> {
            if (!started.get()) {
                permit.release();
            }
        });
    }

    private static WebSocketHandler exposing(ServerWebExchange exchange, WebSocketHandler handler) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (handler instanceof ChannelAwareHandler aware && nativeRequest instanceof Connection connection) {
            Channel channel = connection.channel();
            return session -> aware.handle(session, channel);
        }
        return handler;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, StreamAdmission.Refusal refusal) {
        String path = exchange.getRequest().getPath().value();
        Map<String, Object> body = ErrorBodies.body(path, refusal.status(), refusal.status().getReasonPhrase(),
                refusal.detail(), List.of());
        body.put("code", refusal.code());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(refusal.status());
        response.getHeaders().setContentType(ErrorBodies.contentType(path));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }
}
