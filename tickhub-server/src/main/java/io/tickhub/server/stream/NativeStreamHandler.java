package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.NativeMessages;
import io.tickhub.core.fanout.NativeSession;
import io.tickhub.core.fanout.StreamSettings;
import io.tickhub.core.fanout.WireFormat;
import java.time.Clock;
import java.util.UUID;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The native protocol on {@code /ws} (a strict superset of system D's). Outbound data bypasses
 * the reactive {@code send} pipeline: the fan-out writes frames straight to the Netty channel on
 * its event loop and flushes once per drain. Inbound frames go through WebFlux as usual.
 *
 * <p>Every exit path (close, error, reset, server stop) ends the inbound flux, and
 * {@code doFinally} unregisters the connection, so subscriptions are always released.
 */
public final class NativeStreamHandler implements ChannelAwareHandler {

    private final FanOut fanOut;
    private final Book book;
    private final Clock clock;
    private final StreamSettings settings;
    private final FanOutMetrics metrics;
    private final ClientMessageDecoder decoder;
    private final String serverVersion;
    private final int maxMessagesPerSecond;
    private final int maxFrameBytes;

    public NativeStreamHandler(FanOut fanOut, Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics,
                               tools.jackson.databind.ObjectMapper json, String serverVersion,
                               int maxMessagesPerSecond, int maxFrameBytes) {
        this.fanOut = fanOut;
        this.book = book;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.decoder = new ClientMessageDecoder(json);
        this.serverVersion = serverVersion;
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        String query = session.getHandshakeInfo().getUri().getRawQuery();
        boolean batch = "1".equals(query == null ? null : queryParam(query, "batch"));
        String requestedFormat = query == null ? null : queryParam(query, "format");
        WireFormat format = WireFormat.parse(requestedFormat);
        Connection connection = new Connection(UUID.randomUUID().toString(), new NettyFrameSink(channel),
                channel.eventLoop(), book, clock, settings, metrics, batch, format == null ? WireFormat.NATIVE : format);
        channel.pipeline().addLast(WritabilityListener.NAME, new WritabilityListener(connection));
        NativeSession protocol = new NativeSession(connection, fanOut, clock, settings.maxSymbols(),
                maxMessagesPerSecond);
        fanOut.register(connection);
        connection.send(NativeMessages.connection(connection.id(), settings.heartbeatInterval().toMillis(),
                serverVersion, settings.maxSymbols(), maxMessagesPerSecond, maxFrameBytes));
        if (format == null) {
            connection.send(NativeMessages.error("bad_request",
                    "Unknown format '" + requestedFormat + "'; use native or compact. Using native."));
        }
        return session.receive()
                .doOnNext(message -> {
                    connection.pong(); // any inbound frame proves the client alive
                    if (message.getType() == WebSocketMessage.Type.TEXT) {
                        protocol.handle(decoder.decode(message.getPayloadAsText()));
                    } else if (message.getType() == WebSocketMessage.Type.BINARY) {
                        protocol.handle(new io.tickhub.core.fanout.ClientMessage.Invalid("bad_request",
                                "Binary frames are not part of the protocol; send JSON text"));
                    }
                })
                .doFinally(signal -> fanOut.unregister(connection))
                .then();
    }

    static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }
}
