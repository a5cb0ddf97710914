package io.tickhub.server.provider.finnhub;

import java.net.http.WebSocketHandshakeException;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** Why a connection attempt failed, in words for health and logs. Stateless. */
final class FinnhubStreamFailures {

    private FinnhubStreamFailures() {
    }

    /**
     * The HTTP status when the upstream answered the handshake with a refusal that retrying soon will
     * not fix (401 or 403: the key; 429: too many connections for the key), else 0.
     */
    static int refusedStatus(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            int code = handshake.getResponse().statusCode();
            return code == 401 || code == 403 || code == 429 ? code : 0;
        }
        return 0;
    }

    /** The innermost cause as {@code Type message}: the JDK wraps connect errors two or three deep. */
    static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    /** A duration as people read it in health: {@code 250 ms}, {@code 31.0 s}. */
    static String readable(long millis) {
        return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
    }
}
