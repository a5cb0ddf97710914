package io.tickhub.core.fanout;

/**
 * What one client of the native protocol may do.
 *
 * @param maxSymbols           symbols per connection on the quotes channel
 * @param maxMessagesPerSecond client messages per second before {@code rate_limited} (then 4029)
 * @param allowWildcard        whether {@code "*"} (every symbol) may be subscribed
 */
public record SessionLimits(int maxSymbols, int maxMessagesPerSecond, boolean allowWildcard) {

    public SessionLimits {
        if (maxSymbols < 1 || maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("session limits must be >= 1");
        }
    }
}
