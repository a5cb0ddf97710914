package io.tickhub.client;

/**
 * The client's connection states. {@code CONNECTING} → {@code CONNECTED} → ({@code RECONNECTING}
 * → {@code CONNECTED})* → {@code CLOSED}; {@code CLOSED} is final.
 */
public enum ConnectionState {
    /** The first connection attempt is under way. */
    CONNECTING,
    /** The hub accepted the connection (its {@code connection} message arrived) and subscriptions are (re)sent. */
    CONNECTED,
    /** The connection was lost for a retryable reason; the next attempt is scheduled with backoff. */
    RECONNECTING,
    /** Closed by the application, or by a final refusal of the hub; nothing more happens. */
    CLOSED
}
