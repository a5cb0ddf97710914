package io.tickhub.core.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * What one streaming upstream may be asked for (Finnhub's free plan streams at most 50 symbols).
 * Immutable.
 *
 * @param maxSymbols        symbols subscribed upstream at once, the always-streamed ones included;
 *                          a further one is refused to whoever asked (it waits for a free slot)
 * @param linger            how long a symbol nobody wants any more stays subscribed upstream before
 *                          it is unsubscribed, so a client that flips subscribe/unsubscribe costs one
 *                          upstream message, not one per flip; zero unsubscribes at once
 * @param messagesPerSecond subscribe/unsubscribe messages sent upstream per second once a burst of
 *                          {@code maxSymbols} is spent (what cannot go yet is sent later, and a change
 *                          undone meanwhile is never sent); 0: not limited. A reconnect's replay of
 *                          the live set is not counted: it is bounded by {@code maxSymbols} and by
 *                          the reconnect backoff
 */
public record UpstreamLimits(int maxSymbols, Duration linger, int messagesPerSecond) {

    /** No cap, no linger, no rate limit: every change is sent at once (tests of the plain reference count). */
    public static final UpstreamLimits UNBOUNDED = new UpstreamLimits(Integer.MAX_VALUE, Duration.ZERO, 0);

    /** Finnhub's free plan: 50 symbols; 30 s of linger; 5 messages a second after a burst of 50. */
    public static final UpstreamLimits FINNHUB_FREE_PLAN = new UpstreamLimits(50, Duration.ofSeconds(30), 5);

    public UpstreamLimits {
        if (maxSymbols < 1) {
            throw new IllegalArgumentException("maxSymbols must be at least 1, was " + maxSymbols);
        }
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative, was " + linger);
        }
        if (messagesPerSecond < 0) {
            throw new IllegalArgumentException("messagesPerSecond must not be negative (0: not limited), was "
                    + messagesPerSecond);
        }
    }
}
