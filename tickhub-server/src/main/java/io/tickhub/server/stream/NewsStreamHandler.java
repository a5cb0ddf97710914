package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.NativeMessages;
import io.tickhub.core.fanout.WireFormat;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * System A's {@code /ws/news}: the recent items keyed by id at connect (even {@code {}}), then
 * one {@code {"<id>": item}} frame per new item. The text {@code ping} is answered with
 * {@code pong}; anything else gets an {@code error} frame, since there is nothing to ask for.
 */
public final class NewsStreamHandler implements ChannelAwareHandler {

    private final StreamConnections connections;

    public NewsStreamHandler(StreamConnections connections) {
        this.connections = connections;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        Connection connection = connections.open(channel, false, WireFormat.TICKER_HUB);
        LiveStream live = LiveStream.of(channel);
        if (live != null) {
            live.attach(connection, false);
        }
        connections.news().subscribeAll(connection, true);
        return connections.serve(session, channel, connection, message -> {
            if (message.getType() == WebSocketMessage.Type.TEXT && "ping".equalsIgnoreCase(message.getPayloadAsText().strip())) {
                connection.send(NativeMessages.textPong());
            } else {
                connection.send(NativeMessages.error("bad_request",
                        "This stream takes no messages other than the text ping"));
            }
        });
    }
}
