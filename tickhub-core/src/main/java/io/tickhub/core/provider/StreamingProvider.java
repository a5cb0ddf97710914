package io.tickhub.core.provider;

/**
 * A provider that pushes updates over one long-lived connection (Finnhub's WebSocket). Its quotes go
 * to the ingest sink it was built with. Thread-safe: {@link #subscribe} and {@link #unsubscribe} may
 * be called from any thread; the provider keeps exactly one upstream subscription per symbol however
 * many callers want it, and restores them after a reconnect.
 */
public interface StreamingProvider extends AutoCloseable {

    String name();

    /** Connects (and keeps reconnecting with backoff until closed). */
    void start();

    /** One more interest in {@code symbol}; the first sends the upstream subscribe. */
    void subscribe(String symbol);

    /** One interest fewer; the last one gone sends the upstream unsubscribe. */
    void unsubscribe(String symbol);

    /**
     * Whether {@code symbol} is wanted but not subscribed upstream, because the provider's cap on
     * streamed symbols is reached (it gets the next slot that frees). Never, for a provider without a cap.
     */
    default boolean refused(String symbol) {
        return false;
    }

    /** How much of its upstream limits it uses, for metrics; empty for a provider without limits. */
    default java.util.Optional<UpstreamUse> upstreamUse() {
        return java.util.Optional.empty();
    }

    /** Whether the upstream connection is open right now. */
    boolean connected();

    @Override
    void close();
}
