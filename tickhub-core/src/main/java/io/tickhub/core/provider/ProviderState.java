package io.tickhub.core.provider;

/** Life of a provider as health and metrics report it. */
public enum ProviderState {
    /** Configured, not yet succeeded. */
    STARTING,
    /** Its last attempt succeeded. */
    UP,
    /** Its last attempt failed; it keeps retrying. */
    DOWN,
    /** The upstream asked us to wait (HTTP 429 or a rate-limit body); polls resume after {@code rateLimitedUntil}. */
    RATE_LIMITED,
    /** Switched off by configuration or a missing API key; never retried. */
    DISABLED
}
