package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.ClientMessage;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.LastEventId;
import io.tickhub.core.fanout.NativeMessages;
import io.tickhub.core.fanout.NativeSession;
import io.tickhub.core.fanout.SessionLimits;
import io.tickhub.core.fanout.StoredResume;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.SymbolParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The native protocol's messages as Server-Sent Events, {@code GET /api/v1/stream?symbols=}: one
 * event per message, unnamed so that a browser's {@code EventSource} gets it in {@code onmessage} (the JSON's
 * {@code type} says what it is), or named after its type with {@code ?events=named}; live updates with
 * {@code id: SYMBOL:seq@epoch}, and
 * {@code Last-Event-ID} resuming every symbol of the stream without a gap or a repeat, from the ring
 * or the store (see {@link LastEventId}).
 * Everything is validated before the stream starts, so a bad request is a 422, not a broken stream.
 */
@RestController
@Tag(name = "Streaming", description = "Server-Sent Events; the WebSocket endpoints are described in docs/protocol.md")
public class SseStreamController {

    private final StreamConnections connections;
    private final Book book;
    private final SessionLimits limits;
    private final String serverVersion;
    private final StoredResume storedResume;
    private final StreamAdmission admission;

    public SseStreamController(StreamConnections connections, Book book, SessionLimits limits,
                               StoredResume storedResume, StreamAdmission admission,
                               ObjectProvider<BuildProperties> build) {
        this.connections = connections;
        this.admission = admission;
        this.book = book;
        this.storedResume = storedResume;
        this.limits = limits;
        this.serverVersion = StreamConfig.version(build);
    }

    @GetMapping(value = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamEvents", summary = "Live updates as Server-Sent Events",
            description = "One event per native message; its JSON `data` has a `type`. Events are unnamed by default, "
                    + "so a browser's `EventSource` gets all of them in `onmessage`; with `events=named` each is named "
                    + "after its type, for `addEventListener(\"price_update\", ...)`. "
                    + "Types: `connection`, `subscription`, `price_update` (snapshot first, then each update; "
                    + "live ones carry `id: SYMBOL:seq@epoch`), `news`, `recovered`, `heartbeat`, and `close` before "
                    + "the server ends the stream. Reconnecting with `Last-Event-ID` (browsers do it by themselves) "
                    + "resumes every symbol of the stream from where it stopped; an id of another stream epoch gets "
                    + "`recovered` with `complete:false` and snapshots.")
    @ApiResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @ApiResponse(responseCode = "422", description = "Missing or invalid symbols or channels (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many streaming connections from the client's address "
            + "(`code` `stream_connections_per_address`) or for its key (`code` `too_many_connections`), problem+json",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The hub holds its maximum of streaming connections "
            + "(`code` `stream_connections`, problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<Void> stream(
            @Parameter(description = "Comma-separated symbols, case-insensitive; `*` for every symbol when allowed",
                    example = "AAPL,MSFT") @RequestParam(required = false) String symbols,
            @Parameter(description = "Comma-separated channels: `quotes` (default), `news`, `bars.1s`, `bars.1m`, "
                    + "`bars.5m`, `bars.1h`, `bars.1d`", example = "quotes")
            @RequestParam(required = false) String channels,
            @Parameter(description = "`message` (default): unnamed events, read with `onmessage`; `named`: each event "
                    + "named after its message type", schema = @Schema(allowableValues = {"message", "named"}))
            @RequestParam(required = false) String events,
            @Parameter(description = "Set by the browser on reconnect: the id of the last event received")
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            ServerWebExchange exchange) {
        List<String> wanted = parseSymbols(symbols);
        List<String> wantedChannels = parseChannels(channels);
        WireFormat format = parseEvents(events);
        Channel channel = channelOf(exchange);
        StreamAdmission.Admission admitted = admission.admit(exchange);
        if (admitted.refusal() != null) {
            StreamAdmission.Refusal refusal = admitted.refusal();
            throw ApiException.limit(refusal.status(), refusal.code(), refusal.detail());
        }
        try {
            return serve(wanted, wantedChannels, format, lastEventId, exchange, channel, admitted.permit());
        } catch (RuntimeException e) {
            admitted.permit().release();
            throw e;
        }
    }

    private Mono<Void> serve(List<String> wanted, List<String> wantedChannels, WireFormat format, String lastEventId,
                             ServerWebExchange exchange, Channel channel, StreamAdmission.Permit permit) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        response.getHeaders().set("X-Accel-Buffering", "no"); // nginx: do not buffer the stream

        SseFrameSink sink = new SseFrameSink(channel, response.bufferFactory(), connections.budget(),
                connections.closing());
        Connection connection = connections.open(channel, sink, false, format);
        sink.attach(connection);
        if (permit.live() != null) {
            permit.live().attach(connection, true); // revocation, expiry and the key's limits
        }
        StreamEpoch epoch = connections.context().epoch();
        Optional<LastEventId> resumeFrom = LastEventId.parse(lastEventId);
        List<String> named = wanted.stream().filter(s -> !s.equals(NativeSession.EVERY_SYMBOL)).toList();
        // Placing every symbol may read the store (an id older than the ring): off the event loop,
        // and the subscribe waits for it, so replays still come before live updates.
        CompletableFuture<Map<String, Long>> resume = resumeFrom
                .map(id -> id.resumePoints(book, storedResume, epoch, named))
                .orElse(CompletableFuture.completedFuture(Map.of()));
        String resumeEpoch = resumeFrom.map(LastEventId::epoch).orElse(null);
        NativeSession session = connections.nativeSession(connection, limits);
        // The fan-out wants a connection's subscriptions made on its own event loop.
        channel.eventLoop().execute(() -> connection.send(NativeMessages.connection(connection.id(),
                connections.context().settings().heartbeatInterval().toMillis(), serverVersion,
                limits.maxSubscriptions(), limits.maxMessagesPerSecond(), 0, epoch)));
        resume.thenAccept(points -> channel.eventLoop().execute(() ->
                session.handle(new ClientMessage.Subscribe(wanted, wantedChannels, true, points, null, resumeEpoch))));
        return response.writeAndFlushWith(sink.body().map(Mono::just))
                .doFinally(signal -> {
                    connections.release(channel, connection);
                    permit.release();
                    connections.finished(channel);
                });
    }

    private List<String> parseSymbols(String csv) {
        if (csv == null || csv.isBlank()) {
            throw ApiException.invalid(InvalidParam.query("symbols", "missing", "Field required", csv));
        }
        boolean every = false;
        List<String> named = new ArrayList<>();
        for (String part : csv.split(",", -1)) {
            if (part.strip().equals(NativeSession.EVERY_SYMBOL)) {
                if (!limits.allowWildcard()) {
                    throw ApiException.invalid(InvalidParam.query("symbols", "wildcard_not_allowed",
                            "'*' (every symbol) is not allowed on this server", csv));
                }
                every = true;
            } else if (!part.isBlank()) {
                named.add(part);
            }
        }
        List<String> out = new ArrayList<>(named.isEmpty() ? List.of()
                : SymbolParams.list("symbols", String.join(",", named), limits.maxSubscriptions()));
        if (every) {
            out.add(NativeSession.EVERY_SYMBOL);
        }
        if (out.isEmpty()) {
            throw ApiException.invalid(InvalidParam.query("symbols", "missing", "Field required", csv));
        }
        return out;
    }

    private static WireFormat parseEvents(String events) {
        if (events == null || events.isBlank() || events.strip().equals("message")) {
            return WireFormat.SSE;
        }
        if (events.strip().equals("named")) {
            return WireFormat.SSE_NAMED;
        }
        throw ApiException.invalid(InvalidParam.query("events", "enum", "Input should be 'message' or 'named'", events));
    }

    private static List<String> parseChannels(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of(NativeSession.QUOTES);
        }
        List<String> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String channel = part.strip();
            if (!NativeSession.KNOWN_CHANNELS.contains(channel)) {
                throw ApiException.invalid(InvalidParam.query("channels", "enum",
                        "Input should be 'quotes', 'news' or 'bars.<1s|1m|5m|1h|1d>'", channel));
            }
            if (!out.contains(channel)) {
                out.add(channel);
            }
        }
        return out;
    }

    private static Channel channelOf(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof reactor.netty.Connection connection) {
            return connection.channel();
        }
        throw new IllegalStateException("Server-Sent Events need the Reactor Netty server");
    }
}
