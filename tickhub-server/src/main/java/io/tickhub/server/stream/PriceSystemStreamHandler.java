package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.AccessMessages;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.ConnectionGrant;
import io.tickhub.core.fanout.SubjectAccount;
import io.tickhub.core.fanout.NativeMessages;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Symbols;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * System E's per-ticker stream, {@code /ws/{ticker_id}}: the ticker's current price, then a
 * {@code price_update} frame at each update, in E's shape. An unknown ticker is accepted and
 * then closed with 4004, so the client sees the code (the original refused the handshake with
 * HTTP 403, which browsers report only as a failed connection).
 */
public final class PriceSystemStreamHandler implements ChannelAwareHandler {

    static final int UNKNOWN_TICKER = 4004;
    static final int POLICY_VIOLATION = 1008;

    private final StreamConnections connections;
    private final Book book;
    private final InstrumentRegistry instruments;

    public PriceSystemStreamHandler(StreamConnections connections, Book book, InstrumentRegistry instruments) {
        this.connections = connections;
        this.book = book;
        this.instruments = instruments;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        String path = session.getHandshakeInfo().getUri().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String symbol = Symbols.isValid(id) ? Symbols.normalize(id) : null;
        if (symbol == null || !(book.contains(symbol) || instruments.isKnown(symbol))) {
            return session.close(new CloseStatus(UNKNOWN_TICKER, "Ticker " + id + " not found"));
        }
        Connection connection = connections.open(channel, false, WireFormat.PRICE_SYSTEM);
        LiveStream live = LiveStream.of(channel);
        ConnectionGrant access = live == null ? null : live.attach(connection, false);
        SubjectAccount account = access == null ? null : access.account();
        if (account != null && account.subscriptions() >= access.limits().subscriptions()) {
            // E's clients know no error frame: the close says which limit (1008, policy violation).
            connection.close(POLICY_VIOLATION, AccessMessages.KEY_SUBSCRIPTIONS);
        } else if (!connections.fanOut().subscribe(connection, symbol, true, null)) {
            connection.close(POLICY_VIOLATION, AccessMessages.UPSTREAM_LIMIT); // the key holds its upstream maximum
        }
        return connections.serve(session, channel, connection, message -> {
            // E defined no client messages; its dashboard's keep-alive "ping" gets "pong", the rest is ignored.
            if (message.getType() == WebSocketMessage.Type.TEXT && "ping".equals(message.getPayloadAsText().strip())) {
                connection.send(NativeMessages.textPong());
            }
        });
    }
}
