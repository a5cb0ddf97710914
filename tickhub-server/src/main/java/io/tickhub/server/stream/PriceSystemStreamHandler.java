package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.StreamSettings;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Symbols;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
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

    private final FanOut fanOut;
    private final Book book;
    private final InstrumentRegistry instruments;
    private final Clock clock;
    private final StreamSettings settings;
    private final FanOutMetrics metrics;

    public PriceSystemStreamHandler(FanOut fanOut, Book book, InstrumentRegistry instruments, Clock clock,
                                    StreamSettings settings, FanOutMetrics metrics) {
        this.fanOut = fanOut;
        this.book = book;
        this.instruments = instruments;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        String path = session.getHandshakeInfo().getUri().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String symbol = Symbols.isValid(id) ? Symbols.normalize(id) : null;
        if (symbol == null || !(book.contains(symbol) || instruments.isKnown(symbol))) {
            return session.close(new CloseStatus(UNKNOWN_TICKER, "Ticker " + id + " not found"));
        }
        Connection connection = new Connection(UUID.randomUUID().toString(), new NettyFrameSink(channel),
                channel.eventLoop(), book, clock, settings, metrics, false, WireFormat.PRICE_SYSTEM);
        channel.pipeline().addLast(WritabilityListener.NAME, new WritabilityListener(connection));
        fanOut.register(connection);
        fanOut.subscribe(connection, symbol, true, null);
        return session.receive()
                .doOnNext(message -> {
                    connection.pong();
                    // E defined no client messages; its dashboard's keep-alive "ping" gets "pong", the rest is ignored.
                    if (message.getType() == WebSocketMessage.Type.TEXT && "ping".equals(message.getPayloadAsText().strip())) {
                        connection.send("pong".getBytes(StandardCharsets.US_ASCII));
                    }
                })
                .doFinally(signal -> fanOut.unregister(connection))
                .then();
    }
}
