package io.tickhub.server.provider.finnhub;

import io.tickhub.core.provider.UpstreamSubscriptions;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection to Finnhub. Thread-safe: the JDK calls the listener methods one at a
 * time; {@link #subscribe} and {@link #unsubscribe} may come from any thread and only queue the
 * frame, because the JDK WebSocket allows one outstanding send and {@link UpstreamSubscriptions}
 * calls a link under its monitor.
 */
final class FinnhubStreamConnection implements WebSocket.Listener, UpstreamSubscriptions.Link {

    /** What the connection reports to its owner; called on the JDK's WebSocket threads. */
    interface Events {
        /** A whole text frame; the next is not read until this returns (back-pressure on the socket). */
        void onFrame(FinnhubStreamConnection from, String text);

        /** The connection is unusable: closed by the upstream, failed, or a send failed. */
        void onDropped(FinnhubStreamConnection from, String reason);
    }

    /** A frame longer than this is not a trade batch: it is dropped rather than buffered without bound. */
    static final int MAX_FRAME_CHARS = 1 << 20;

    private final FinnhubStreamCodec codec;
    private final Events events;
    private final StringBuilder partial = new StringBuilder(); // listener calls only, which the JDK serialises
    private boolean oversized; // listener calls only
    private final AtomicBoolean heard = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile boolean open;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null); // guarded by this

    FinnhubStreamConnection(FinnhubStreamCodec codec, Events events) {
        this.codec = codec;
        this.events = events;
    }

    // --- owner side ------------------------------------------------------------------------------

    /** The handshake completed: sends may go out and the first frame is asked for. */
    void opened(WebSocket webSocket) {
        socket = webSocket;
        open = true;
        webSocket.request(1);
    }

    boolean isOpen() {
        return open;
    }

    /** Marks that the upstream sent something meaningful (a trade or a ping) on this connection. */
    void heard() {
        heard.set(true);
    }

    /** Whether the upstream ever sent a trade or ping here: a connection that did earns a fresh backoff. */
    boolean wasHeard() {
        return heard.get();
    }

    @Override
    public void subscribe(String symbol) {
        send(codec.subscribe(symbol));
    }

    @Override
    public void unsubscribe(String symbol) {
        send(codec.unsubscribe(symbol));
    }

    /** Drops the connection at once, without a close handshake (it is already broken or silent). */
    void abort() {
        open = false;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Says goodbye after the queued sends, waiting at most {@code millis} for it to go out, then drops the socket. */
    void closeGracefully(long millis) {
        WebSocket ws = socket;
        open = false;
        if (ws == null) {
            return;
        }
        CompletableFuture<?> bye;
        synchronized (this) {
            bye = sends.handle((r, e) -> null).thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "closing"));
        }
        try {
            bye.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The upstream is gone or slow: aborting below is all that is left to do.
        }
        ws.abort();
    }

    private synchronized void send(String text) {
        WebSocket ws = socket;
        if (ws == null || !open) {
            return; // the owner only links open connections; a late call after a drop is moot
        }
        // Chained, never concurrent: a second sendText before the first completes is an IllegalStateException.
        sends = sends.handle((r, e) -> null)
                .thenCompose(x -> ws.sendText(text, true))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        events.onDropped(this, "send failed: " + e);
                    }
                });
    }

    // --- JDK listener ----------------------------------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        // No request(1) here: frames are read once the owner has restored subscriptions (opened()).
        socket = webSocket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!oversized) {
            partial.append(data);
            oversized = partial.length() > MAX_FRAME_CHARS;
        }
        if (last) {
            String text = oversized ? "" : partial.toString(); // empty text decodes as malformed, and is counted
            partial.setLength(0);
            oversized = false;
            events.onFrame(this, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            events.onFrame(this, ""); // Finnhub speaks text only: counted as malformed
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        open = false;
        events.onDropped(this, "closed by upstream (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
        events.onDropped(this, String.valueOf(error));
    }
}
