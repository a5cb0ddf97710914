package io.tickhub.core.fanout;

/**
 * What one client of the native protocol may do.
 *
 * @param maxSubscriptions     subscriptions per connection over every channel: each (channel, symbol)
 *                             pair counts one, {@code *} counts one per channel
 *                             ({@code tickhub.stream.max-subscriptions})
 * @param maxMessagesPerSecond client messages per second before {@code rate_limited} (then 4029)
 * @param allowWildcard        whether {@code "*"} (every symbol) may be subscribed
 */
public record SessionLimits(int maxSubscriptions, int maxMessagesPerSecond, boolean allowWildcard) {

    public SessionLimits {
        if (maxSubscriptions < 1 || maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("session limits must be >= 1");
        }
    }
}
