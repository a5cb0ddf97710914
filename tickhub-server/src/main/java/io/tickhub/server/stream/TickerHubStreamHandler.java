package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.TickerHubSession;
import io.tickhub.core.fanout.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * System A's {@code /ws/prices}: every symbol's record at connect (even {@code {}}), then one
 * {@code {"SYM": record}} frame per update; {@code {"watchlist": [...]}} narrows both. Its
 * clients send the text {@code ping} every 30 s. Anything else gets an {@code error} frame and
 * the connection stays (the original dropped the socket on a bare JSON scalar, and split a
 * string watchlist into characters: here a string is one symbol).
 */
public final class TickerHubStreamHandler implements ChannelAwareHandler {

    private static final String USAGE = "Send {\"watchlist\": [\"AAPL\", \"MSFT\"]} or the text ping";

    private final StreamConnections connections;
    private final ObjectMapper json;

    public TickerHubStreamHandler(StreamConnections connections, ObjectMapper json) {
        this.connections = connections;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, Channel channel) {
        Connection connection = connections.open(channel, false, WireFormat.TICKER_HUB);
        LiveStream live = LiveStream.of(channel);
        if (live != null) {
            live.attach(connection, false);
        }
        TickerHubSession protocol = new TickerHubSession(connection, connections.fanOut(),
                connections.context().settings().maxSymbols());
        protocol.start();
        return connections.serve(session, channel, connection, message -> {
            if (message.getType() == WebSocketMessage.Type.TEXT) {
                handle(protocol, message.getPayloadAsText());
            } else if (message.getType() == WebSocketMessage.Type.BINARY) {
                protocol.invalid("bad_request", "Binary frames are not understood. " + USAGE);
            }
        });
    }

    private void handle(TickerHubSession protocol, String text) {
        if ("ping".equalsIgnoreCase(text.strip())) {
            protocol.ping();
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            protocol.invalid("bad_json", "Message is not valid JSON. " + USAGE);
            return;
        }
        if (root == null || !root.isObject()) {
            protocol.invalid("bad_request", "Message must be a JSON object. " + USAGE);
            return;
        }
        JsonNode watchlist = root.get("watchlist");
        if (watchlist == null) {
            protocol.invalid("bad_request", "Unknown message. " + USAGE);
        } else if (watchlist.isString()) {
            protocol.watchlist(List.of(watchlist.asString()));
        } else if (watchlist.isArray()) {
            List<String> symbols = new ArrayList<>(watchlist.size());
            for (JsonNode element : watchlist) {
                if (!element.isString()) {
                    protocol.invalid("bad_request", "'watchlist' must contain only strings; kept the current one");
                    return;
                }
                symbols.add(element.asString());
            }
            protocol.watchlist(symbols);
        } else {
            protocol.invalid("bad_request", "'watchlist' must be a list of symbols. " + USAGE);
        }
    }
}
