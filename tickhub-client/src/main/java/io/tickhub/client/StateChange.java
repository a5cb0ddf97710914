package io.tickhub.client;

import java.net.URI;
import java.time.Duration;

/**
 * One transition of the connection state machine, given to {@link ConnectionListener}s.
 *
 * @param code      the WebSocket close code, or the HTTP status of a refused upgrade; 0 when there is none
 * @param reason    why, in words (the close reason, the refusal's body, an exception's message)
 * @param retryIn   when {@code to} is {@code RECONNECTING}, the wait before the next attempt; else null
 * @param endpoint  the hub endpoint of the connection this is about
 */
public record StateChange(ConnectionState from, ConnectionState to, int code, String reason, Duration retryIn,
                          URI endpoint) {
}
