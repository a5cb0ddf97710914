package io.tickhub.core.provider;

/** Life of a provider as health and metrics report it. */
public enum ProviderState {
    /** Configured, not yet succeeded: connecting, producing its first quotes, or its first poll is under way. */
    STARTING,
    /**
     * Enabled, but nothing asked of it yet: a polling provider no job names. Not a fault (Yahoo is
     * enabled by default with no job); it turns up or down at its first poll.
     */
    IDLE,
    /** Its last attempt succeeded. */
    UP,
    /** Its last attempt failed; it keeps retrying. */
    DOWN,
    /** The upstream asked us to wait (HTTP 429 or a rate-limit body); polls resume after {@code rateLimitedUntil}. */
    RATE_LIMITED,
    /** Switched off by configuration or a missing API key; never retried. */
    DISABLED
}
