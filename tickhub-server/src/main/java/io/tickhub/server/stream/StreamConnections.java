package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.StreamSettings;
import io.tickhub.core.fanout.WireFormat;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Opens fan-out connections on WebSocket channels and ties their life to the session, the same
 * way for every streaming endpoint: the writer runs on the channel's event loop, resumes when
 * Netty's buffer drains, and the connection is unregistered on every exit path.
 */
public final class StreamConnections {

    private final FanOut fanOut;
    private final Book book;
    private final Clock clock;
    private final StreamSettings settings;
    private final FanOutMetrics metrics;

    public StreamConnections(FanOut fanOut, Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics) {
        this.fanOut = fanOut;
        this.book = book;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    FanOut fanOut() {
        return fanOut;
    }

    Clock clock() {
        return clock;
    }

    StreamSettings settings() {
        return settings;
    }

    /** A registered connection writing to {@code channel}; it receives nothing until subscribed. */
    Connection open(Channel channel, boolean batch, WireFormat format) {
        Connection connection = new Connection(UUID.randomUUID().toString(), new NettyFrameSink(channel),
                channel.eventLoop(), book, clock, settings, metrics, batch, format);
        channel.pipeline().addLast(WritabilityListener.NAME, new WritabilityListener(connection));
        fanOut.register(connection);
        return connection;
    }

    /**
     * Feeds the session's inbound frames to {@code onMessage} (each one also proves the client
     * alive) until the session ends, however it ends; then releases the connection.
     */
    Mono<Void> serve(WebSocketSession session, Connection connection, Consumer<WebSocketMessage> onMessage) {
        return session.receive()
                .doOnNext(message -> {
                    connection.pong();
                    onMessage.accept(message);
                })
                .doFinally(signal -> fanOut.unregister(connection))
                .then();
    }
}
