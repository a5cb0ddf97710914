package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.ClientMessage;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.NativeMessages;
import io.tickhub.core.fanout.NativeSession;
import io.tickhub.core.fanout.SessionLimits;
import io.tickhub.core.fanout.WireFormat;
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

    private final StreamConnections connections;
    private final ClientMessageDecoder decoder;
    private final String serverVersion;
    private final SessionLimits limits;
    private final int maxFrameBytes;

    public NativeStreamHandler(StreamConnections connections, tools.jackson.databind.ObjectMapper json,
                               String serverVersion, SessionLimits limits, int maxFrameBytes) {
        this.connections = connections;
        this.decoder = new ClientMessageDecoder(json);
        this.serverVersion = serverVersion;
        this.limits = limits;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        NativeInbound inbound = start(channel, session.getHandshakeInfo().getUri().getRawQuery(), LiveStream.of(channel));
        return connections.serve(session, channel, inbound.connection(), message -> {
            if (message.getType() == WebSocketMessage.Type.TEXT) {
                inbound.text(message.getPayloadAsText());
            } else if (message.getType() == WebSocketMessage.Type.BINARY) {
                inbound.binary();
            }
        });
    }

    /**
     * Opens the native protocol on an upgraded {@code channel}: the connection registered, its
     * greeting sent. Both upgrade paths start here: WebFlux's ({@link #handle}) and the direct one
     * ({@link DirectUpgrade}).
     *
     * @param query the upgrade's raw query ({@code format}, {@code batch}); null when it had none
     * @param live  the credential the upgrade was admitted with; null when nothing is checked
     */
    NativeInbound start(Channel channel, String query, LiveStream live) {
        boolean batch = "1".equals(query == null ? null : queryParam(query, "batch"));
        String requestedFormat = query == null ? null : queryParam(query, "format");
        WireFormat format = WireFormat.parse(requestedFormat);
        Connection connection = connections.open(channel, batch, format == null ? WireFormat.NATIVE : format);
        if (requestedFormat == null && !batch) {
            // Nothing native asked for: maybe system D's client, which knows connection, subscription, price_update
            // and error only. Heartbeats (and stale) start once the client sends something only a native one sends.
            connection.holdToSeedMessagesUntilNative();
        }
        if (live != null) {
            live.attach(connection, true);
        }
        NativeSession protocol = connections.nativeSession(connection, limits, live);
        // Without a credential where one is needed: only auth and ping until auth, 4001 at the auth timeout.
        connection.send(NativeMessages.connection(connection.id(),
                connections.context().settings().heartbeatInterval().toMillis(), serverVersion, limits.maxSubscriptions(),
                limits.maxMessagesPerSecond(), maxFrameBytes, connection.epoch(),
                live != null && live.pending() ? "required" : null));
        if (format == null) {
            connection.send(NativeMessages.error("bad_request",
                    "Unknown format '" + requestedFormat + "'; use native or compact. Using native."));
        }
        return new NativeInbound(connection, protocol, decoder, connections);
    }

    /** A native connection's inbound side: each client message, already a whole text or binary message. */
    record NativeInbound(Connection connection, NativeSession protocol, ClientMessageDecoder decoder,
                         StreamConnections connections) {

        void text(String message) {
            protocol.handle(decoder.decode(message));
        }

        void binary() {
            protocol.handle(new ClientMessage.Invalid("bad_request", "Binary frames are not part of the protocol; send JSON text"));
        }

        /** The transport has ended: every subscription is released (again is harmless). */
        void release(Channel channel) {
            connections.release(channel, connection);
        }
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
