package io.tickhub.server.provider.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Thread-safe (tests script from their thread, the server answers on virtual threads): a scripted
 * upstream on {@code 127.0.0.1} and an ephemeral port, for testing HTTP adapters without the internet.
 *
 * <p>Each path has a queue of {@link FakeReply replies}: they are served in order and the last one
 * repeats. A path with no script answers 404. Every request is recorded, query included, so tests
 * can check what the adapter sent (the key) as well as what it made of the answer.
 */
public final class FakeUpstream implements AutoCloseable {

    /** How long a held reply waits at most, so a test that forgets to release cannot hang the build. */
    private static final long HOLD_LIMIT_SECONDS = 30;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<FakeReply>> scripts = new ConcurrentHashMap<>();
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> holds = new CopyOnWriteArrayList<>();

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeUpstream start() throws IOException {
        return new FakeUpstream();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return baseUrl("");
    }

    /** {@code http://127.0.0.1:<port><pathPrefix>}, for upstreams whose base URL has a path ({@code /api/v1}). */
    public URI baseUrl(String pathPrefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathPrefix);
    }

    /** Answers requests for {@code path} (decoded, no query) with {@code replies} in order, then the last for ever. */
    public FakeUpstream on(String path, FakeReply... replies) {
        for (FakeReply reply : replies) {
            if (reply.hold() != null) {
                holds.add(reply.hold());
            }
        }
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** The one request made so far; fails if there were none or several. */
    public FakeRequest onlyRequest() {
        List<FakeRequest> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all);
        }
        return all.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(FakeRequest.of(exchange));
            FakeReply reply = next(exchange.getRequestURI().getPath());
            if (reply.hold() != null && !reply.holdBody()) {
                awaitRelease(reply.hold());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.holdBody()) {
                // Headers and the first byte now, the rest when released. Chunked, so the client knows
                // more is coming; a byte is written because flushing an empty chunked stream sends nothing.
                exchange.sendResponseHeaders(reply.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body, 0, 1);
                    out.flush();
                    awaitRelease(reply.hold());
                    out.write(body, 1, body.length - 1);
                }
                return;
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // The client gave up (its timeout) while the reply was held: nobody is left to answer.
        }
    }

    private FakeReply next(String path) {
        Deque<FakeReply> script = scripts.get(path);
        if (script == null) {
            return FakeReply.text(404, "no script for " + path);
        }
        synchronized (script) {
            return script.size() > 1 ? script.pollFirst() : script.peekFirst();
        }
    }

    private static void awaitRelease(CountDownLatch hold) {
        try {
            hold.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases every held reply, then stops the server. */
    @Override
    public void close() {
        holds.forEach(CountDownLatch::countDown);
        server.stop(0);
        executor.shutdownNow();
    }
}
