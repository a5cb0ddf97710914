package io.tickhub.core.provider;

/** Life of a provider as health and metrics report it. */
public enum ProviderState {
    /** Configured, not yet succeeded. */
    STARTING,
    /** Its last attempt succeeded. */
    UP,
    /** Its last attempt failed; it keeps retrying. */
    DOWN,
    /** Switched off by configuration or a missing API key; never retried. */
    DISABLED
}
