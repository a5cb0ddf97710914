package io.tickhub.core.fanout;

/**
 * Told when a symbol gains its first streaming subscriber and loses its last, so an upstream
 * provider (Finnhub's stream) subscribes exactly once per symbol however many clients want it.
 * Called inside the registry's per-symbol update: implementations must be quick (hand off).
 */
public interface SymbolInterest {

    SymbolInterest NONE = new SymbolInterest() {
        @Override
        public void firstSubscriber(String symbol) {
        }

        @Override
        public void lastSubscriberGone(String symbol) {
        }
    };

    void firstSubscriber(String symbol);

    void lastSubscriberGone(String symbol);

    /**
     * Whether {@code symbol}, which a client has just subscribed to, has no upstream stream because
     * the provider's cap on streamed symbols is reached. Asked once per client that subscribes to it.
     * Default: never.
     */
    default boolean refusedUpstream(String symbol) {
        return false;
    }

    /**
     * Whether a subscription to {@code symbol} is served from an upstream stream, so that the
     * first one opens an upstream subscription: what each subject's {@code upstreamSymbols} limit
     * counts. Stable for the life of the hub. Default: never.
     */
    default boolean streamsUpstream(String symbol) {
        return false;
    }
}
