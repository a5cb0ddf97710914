package io.tickhub.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** {@link Transport} on the JDK's {@link WebSocket}: no dependency beyond the JDK. */
public final class JdkWebSocketTransport implements Transport {

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Clock clock;

    public JdkWebSocketTransport(HttpClient http, Duration connectTimeout, Clock clock) {
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Connection> open(URI uri, Map<String, String> headers, Events events) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        return builder.buildAsync(uri, new Adapter(events))
                .<Connection>thenApply(JdkConnection::new)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(refusal(e)));
    }

    /** A refused handshake becomes an {@link UpgradeRefusedException} with its status and Retry-After. */
    private Throwable refusal(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            Duration retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
            Object body = response.body();
            return new UpgradeRefusedException(response.statusCode(), retryAfter, body == null ? "" : body.toString());
        }
        return cause;
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when neither. */
    Duration retryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private record JdkConnection(WebSocket socket) implements Connection {

        @Override
        public void send(String text) {
            // The JDK allows one outstanding send; serialising on the previous one keeps frames in order.
            synchronized (this) {
                socket.sendText(text, true).join();
            }
        }

        @Override
        public void close(int code, String reason) {
            socket.sendClose(code, reason).whenComplete((ws, e) -> socket.abort());
        }

        @Override
        public void abort() {
            socket.abort();
        }
    }

    /** Joins fragmented text, and reports the end once. */
    private static final class Adapter implements WebSocket.Listener {

        private final Events events;
        private final StringBuilder partial = new StringBuilder();
        private boolean ended;

        Adapter(Events events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                events.text(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!ended) {
                ended = true;
                events.closed(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!ended) {
                ended = true;
                events.failed(error);
            }
        }
    }
}
