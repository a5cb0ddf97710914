package io.tickhub.server.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.tickhub.server.http.error.ErrorResponses;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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
 * Netty {@link Channel}, so the fan-out can write frames to it directly, with the protocol's
 * edges set right on every endpoint ({@link WebSocketPipeline}): a client message larger than
 * {@code maxFrameBytes}, in one frame or in fragments, closes with 1009; text that is not UTF-8
 * with 1007; RSV bits without an extension with 1002. A handshake past the {@link StreamAdmission}
 * caps (the hub's, the address's, the key's) is answered 503 or 429 with a JSON body and not
 * upgraded. A handshake from a page of another origin never gets here: {@code CrossSiteRequestFilter}
 * refuses it first, with every other cross-site request.
 */
public final class ChannelExposingWebSocketService extends HandshakeWebSocketService {

    private final int maxFrameBytes;
    private final StreamAdmission admission;
    private final ObjectMapper json;
    private final ClosingChannels closing;
    private final MeterRegistry meters;
    private final Counter upgraded;

    public ChannelExposingWebSocketService(int maxFrameBytes, StreamAdmission admission, ObjectMapper json,
                                           ClosingChannels closing, MeterRegistry meters) {
        super(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false)));
        this.maxFrameBytes = maxFrameBytes;
        this.admission = admission;
        this.json = json;
        this.closing = closing;
        this.meters = meters;
        this.upgraded = DirectUpgrades.upgrades(meters, "webflux");
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        StreamAdmission.Admission admitted = admission.admit(exchange);
        if (admitted.refusal() != null) {
            return refuse(exchange, admitted.refusal());
        }
        StreamAdmission.Permit permit = admitted.permit();
        // The session's end gives the place back; so does a handshake that never reached the handler.
        AtomicBoolean started = new AtomicBoolean();
        upgraded.increment();
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

    private WebSocketHandler exposing(ServerWebExchange exchange, WebSocketHandler handler) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (handler instanceof ChannelAwareHandler aware && nativeRequest instanceof Connection connection) {
            Channel channel = connection.channel();
            // Called on the channel's event loop once the handshake is written, before any frame is read.
            return session -> {
                WebSocketPipeline.harden(channel, maxFrameBytes, closing, meters);
                LiveStream.hand(exchange, channel); // the connection's credential, for the handler
                return aware.handle(session, channel);
            };
        }
        return handler;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, StreamAdmission.Refusal refusal) {
        return ErrorResponses.write(exchange, json, refusal.status(), refusal.code(), refusal.detail());
    }
}
