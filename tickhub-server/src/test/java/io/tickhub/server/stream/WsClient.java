package io.tickhub.server.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for protocol tests (the JDK's). It reads on demand: an "eager" client
 * asks for the next message as soon as one arrives; a "held" client reads nothing until told,
 * so its TCP window fills up like a stalled phone's.
 */
public final class WsClient implements WebSocket.Listener {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean eager;
    private WebSocket socket;

    public static WsClient connect(int port, String pathAndQuery, boolean eager) {
        return connect(port, pathAndQuery, eager, java.util.Map.of());
    }

    /** With these headers on the upgrade request (a credential: {@code X-API-Key}, {@code Authorization}). */
    public static WsClient connect(int port, String pathAndQuery, boolean eager, java.util.Map<String, String> headers) {
        WsClient client = new WsClient();
        client.eager = eager;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (eager) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        if (eager) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * Sends unless the hub has closed the connection meanwhile (the JDK client then refuses
     * output): for floods whose point is that the hub closes them part-way.
     *
     * @return whether it was sent
     */
    boolean sendUnlessClosed(String text) {
        try {
            send(text);
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            // Closed: by our side after the hub's close frame, or under us by the hub's TCP close
            // (a broken pipe) before that frame was read.
            if (socket.isOutputClosed() || e.getCause() instanceof java.io.IOException) {
                return false;
            }
            throw e;
        }
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** A held client asks for {@code n} more messages. */
    void request(long n) {
        socket.request(n);
    }

    /** Starts reading everything from now on. */
    void readAll() {
        eager = true;
        socket.request(Long.MAX_VALUE);
    }

    /** The next message, waiting up to 5 s for it to arrive. */
    public String next() {
        try {
            String message = messages.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 5 s");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message containing {@code fragment}, skipping others (heartbeats, other symbols). */
    public String next(String fragment) {
        for (int i = 0; i < 100_000; i++) {
            String message = next();
            if (message.contains(fragment)) {
                return message;
            }
        }
        throw new AssertionError("no message with " + fragment);
    }

    /** Messages already received, without waiting. */
    public List<String> drained() {
        List<String> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    public int awaitClose() {
        return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Drops the TCP connection without a closing handshake, like a phone losing signal. */
    public void abort() {
        socket.abort();
    }

    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
