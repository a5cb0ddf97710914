package io.tickhub.server.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A loopback WebSocket session of the start-up warm-up ({@link StreamWarmUp}, {@link HeldWarmUp}):
 * opened with the warm-up's credential, reading every frame it is sent, and ended by a normal close
 * when its work is done or by an abort when it failed.
 */
final class WarmUpSocket {

    private WarmUpSocket() {
    }

    /**
     * Opens a session to {@code uri}: {@code onMessage} runs for every whole message (on one thread
     * at a time, as the JDK calls a listener), and {@code ended} fails when the hub closes the
     * session or it breaks.
     */
    static CompletableFuture<WebSocket> open(HttpClient http, URI uri, String authorization, Duration timeout,
                                             Runnable onMessage, CompletableFuture<?> ended) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (last) {
                    onMessage.run();
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                ended.completeExceptionally(new IllegalStateException("closed " + status + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ended.completeExceptionally(error);
            }
        };
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(uri, listener);
    }

    /** A native subscribe message for {@code symbols}, each already a JSON string. */
    static String subscribe(String quotedSymbols) {
        return "{\"action\":\"subscribe\",\"symbols\":[" + quotedSymbols + "]}";
    }

    /** Ends a session whose work is done ({@code failure} null) with a normal close, else aborts it. */
    static void end(WebSocket socket, Throwable failure) {
        if (failure == null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "warm-up done");
        } else {
            socket.abort();
        }
    }
}
