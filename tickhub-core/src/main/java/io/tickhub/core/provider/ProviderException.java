package io.tickhub.core.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider could not answer. The {@link Kind} decides what the hub does next: back off, wait out
 * a rate limit, give up on a symbol, or disable the provider. Messages are shown in health and
 * logs, so adapters never put a URL with a key, or a key, in them.
 */
public final class ProviderException extends Exception {

    /** Why a provider call failed, as the retry policy needs to know it. */
    public enum Kind {
        /** The upstream said "too many requests" (HTTP 429, or a rate-limit body). Wait, then retry. */
        RATE_LIMITED,
        /** Network error, timeout or HTTP 5xx: retry with backoff. */
        UNAVAILABLE,
        /** The answer was not what the provider's format promises (malformed JSON, missing fields). */
        BAD_RESPONSE,
        /** The provider does not know the symbol. Retrying will not help soon. */
        UNKNOWN_SYMBOL,
        /** The key was refused (HTTP 401/403, an "invalid API key" body). */
        UNAUTHORIZED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ProviderException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    /**
     * @param retryAfter how long the upstream asked us to wait ({@code Retry-After}), or null
     */
    public ProviderException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the upstream asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
