package io.tickhub.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections. The default is the JDK's {@link java.net.http.WebSocket}
 * ({@link JdkWebSocketTransport}); tests give a fake one.
 */
public interface Transport {

    /**
     * Opens {@code uri} with these request headers. The future fails with
     * {@link UpgradeRefusedException} when the hub answers the upgrade with an HTTP status.
     * {@code events} is called from any thread, one call at a time per connection.
     */
    CompletableFuture<Connection> open(URI uri, Map<String, String> headers, Events events);

    /** One open WebSocket. */
    interface Connection {

        /** Sends one text frame; frames go out in the order sent. */
        void send(String text);

        /** Starts a close handshake with {@code code}. */
        void close(int code, String reason);

        /** Drops the connection at once, without a close handshake. */
        void abort();
    }

    /** What happens on a connection. After {@link #closed} or {@link #failed}, nothing more. */
    interface Events {

        void text(String message);

        /** The connection ended with this close code (1006 when it ended without a close frame). */
        void closed(int code, String reason);

        void failed(Throwable error);
    }

    /** The hub answered the upgrade with an HTTP status instead of switching protocols. */
    final class UpgradeRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Duration retryAfter;

        public UpgradeRefusedException(int status, Duration retryAfter, String body) {
            super("upgrade refused with HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body));
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        /** The {@code Retry-After} the hub sent, or null. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
