package io.tickhub.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff (the AWS architecture blog's "full jitter"): attempt n waits a
 * uniformly random time in {@code [0, min(max, initial * 2^n))}, so clients that lost the same hub
 * at the same instant spread their reconnects instead of arriving as a storm. A {@code Retry-After}
 * from the hub is a floor on the wait, still capped at {@code maxRetryAfter}.
 */
public record Backoff(Duration initial, Duration max, Duration maxRetryAfter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and maxRetryAfter >= 0");
        }
    }

    /** 200 ms doubling up to 30 s; a Retry-After is honoured up to 5 minutes. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The ceiling of attempt {@code attempt} (0-based): {@code min(max, initial * 2^attempt)}. */
    public Duration ceiling(int attempt) {
        long initialNanos = initial.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        long ceiling = shift >= Long.numberOfLeadingZeros(initialNanos) - 1 ? Long.MAX_VALUE : initialNanos << shift;
        return Duration.ofNanos(Math.min(ceiling, max.toNanos()));
    }

    /**
     * The wait before attempt {@code attempt}: full jitter under {@link #ceiling}, and at least
     * {@code retryAfter} (null when the hub sent none), bounded by {@code maxRetryAfter}.
     */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        long jittered = random.nextLong(ceiling(attempt).toNanos() + 1);
        Duration wait = Duration.ofNanos(jittered);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return wait;
    }
}
