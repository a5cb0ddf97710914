package io.tickhub.core.retry;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The hub's one retry policy, for the store writer, polls, news and the Finnhub stream alike: waits
 * that double from {@code initial}, each drawn from ±50 % of its nominal value so that many callers
 * failing together do not retry in lockstep, capped at {@code max}. Stateless and thread-safe.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param initial the first wait (attempt 1)
     * @param max     the longest wait; a max below {@code initial} is raised to it
     * @return attempt number (1, 2, ...) to wait in milliseconds
     */
    public static IntervalFunction doubling(Duration initial, Duration max) {
        long first = initial.toMillis();
        return IntervalFunction.ofExponentialRandomBackoff(first, 2.0, 0.5, Math.max(first, max.toMillis()));
    }
}
