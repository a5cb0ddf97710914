package io.tickhub.core.provider;

import java.time.Instant;

/**
 * A provider's health at one moment. Immutable.
 *
 * @param name        provider name
 * @param state       current state
 * @param lastSuccess when it last delivered data, or {@code null}
 * @param lastError   when it last failed, or {@code null}
 * @param message     why it is down or disabled ({@code null} when up); never contains secrets
 * @param quotes      quotes it has delivered since start
 * @param rateLimitedUntil when the upstream's rate limit is expected to let us in again, or {@code null}
 */
public record ProviderStatus(String name, ProviderState state, Instant lastSuccess, Instant lastError,
                             String message, long quotes, Instant rateLimitedUntil) {

    public static ProviderStatus starting(String name) {
        return new ProviderStatus(name, ProviderState.STARTING, null, null, null, 0, null);
    }
}
