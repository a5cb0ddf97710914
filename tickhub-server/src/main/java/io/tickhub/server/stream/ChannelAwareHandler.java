package io.tickhub.server.stream;

import io.netty.channel.Channel;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/** A WebSocket handler that also gets the connection's Netty channel, to write frames to it directly. */
public interface ChannelAwareHandler extends WebSocketHandler {

    Mono<Void> handle(WebSocketSession session, Channel channel);

    @Override
    default Mono<Void> handle(WebSocketSession session) {
        return Mono.error(new IllegalStateException("Tickhub streams need the Reactor Netty server"));
    }
}
