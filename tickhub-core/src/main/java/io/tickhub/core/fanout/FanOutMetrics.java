package io.tickhub.core.fanout;

/**
 * What the fan-out counts. Port, bound to Micrometer by the server. Called from the bus thread
 * and from every connection's writer: implementations must be thread-safe and cheap.
 */
public interface FanOutMetrics {

    FanOutMetrics NONE = new FanOutMetrics() {
    };

    /** A writer wrote {@code messages} messages of {@code bytes} bytes in one drain. */
    default void sent(int messages, long bytes) {
    }

    /** {@code skipped} older updates were replaced by a newer one for a slow connection. */
    default void conflated(long skipped) {
    }

    /** Updates that could not be delivered (the connection was closing). */
    default void dropped(long updates) {
    }

    /** A connection was closed for staying behind (4008). */
    default void slowConsumerClosed() {
    }

    /**
     * {@code count} requests were refused at limit {@code limit} (e.g. {@code subscriptions_per_connection}):
     * bound to {@code tickhub.limits.refused{limit=...}}.
     */
    default void refused(String limit, long count) {
    }

    /** Age of an update (hub acceptance to socket write) when a writer wrote it, in microseconds. */
    default void latencyMicros(long micros) {
    }
}
