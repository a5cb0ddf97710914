package io.tickhub.core.provider;

/** How a provider delivers data, which decides what a polling job of that provider does. */
public enum ProviderKind {
    /** Asked per symbol on an interval ({@link PollingProvider}). */
    POLLING,
    /** Pushes updates for subscribed symbols ({@link StreamingProvider}); a job holds a subscription. */
    STREAMING,
    /** Produces its own data (the simulator, replay); it cannot be polled or subscribed to. */
    SOURCE
}
