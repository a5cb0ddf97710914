package io.tickhub.server.provider.fake;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A stand-in for {@code wss://ws.finnhub.io} on 127.0.0.1; thread-safe: Netty threads serve clients
 * while the test thread pushes, drops and reads what was recorded. It checks the {@code token}
 * query parameter (401 when wrong), records every text frame clients send, pushes frames to every
 * open connection and drops connections on demand, on an ephemeral port.
 */
public final class FakeFinnhubServer implements AutoCloseable {

    private final String token;
    private final DisposableServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int refuseWith; // 0: accept clients with the right token

    private FakeFinnhubServer(String token) {
        this.token = token;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::serve).bindNow();
    }

    /** Starts a server that accepts clients presenting {@code token}. */
    public static FakeFinnhubServer start(String token) {
        return new FakeFinnhubServer(token);
    }

    /** Base URI without a token, as the provider's settings take it. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port());
    }

    /** Every text frame clients sent, in arrival order, across all connections. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** How many times {@code frame} was received. */
    public long receivedCount(String frame) {
        return received.stream().filter(frame::equals).count();
    }

    /** WebSocket connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Handshakes refused so far (bad token, or {@link #refuseAll}). */
    public int refused() {
        return refused.get();
    }

    /** Connections open right now. */
    public int open() {
        return sessions.size();
    }

    /** From now on every handshake is answered with {@code status} (e.g. 503 while "down"); 0 accepts again. */
    public void refuseAll(int status) {
        refuseWith = status;
    }

    /** Sends {@code frame} as one text frame on every open connection. */
    public synchronized void push(String frame) {
        sessions.forEach(s -> s.toClient.tryEmitNext(frame));
    }

    /** Closes every open connection abruptly, without a close frame, as a network failure would. */
    public void dropAll() {
        sessions.forEach(s -> s.connection.dispose());
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        List<String> tokens = new QueryStringDecoder(request.uri()).parameters().get("token");
        int status = refuseWith != 0 ? refuseWith
                : tokens == null || tokens.size() != 1 || !token.equals(tokens.getFirst()) ? 401 : 0;
        if (status != 0) {
            refused.incrementAndGet();
            return response.status(status).send();
        }
        return response.sendWebsocket(this::session);
    }

    private Publisher<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        Session session = new Session();
        in.withConnection(c -> session.connection = c);
        sessions.add(session);
        accepted.incrementAndGet();
        Mono<Void> reading = in.aggregateFrames().receive().asString()
                .doOnNext(received::add)
                .doFinally(signal -> {
                    sessions.remove(session);
                    session.toClient.tryEmitComplete();
                })
                .then();
        return Mono.when(reading, out.sendString(session.toClient.asFlux()).then());
    }

    private static final class Session {
        final Sinks.Many<String> toClient = Sinks.many().unicast().onBackpressureBuffer();
        volatile Connection connection;
    }
}
