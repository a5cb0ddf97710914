package io.tickhub.server.security;

import java.time.Duration;

/**
 * A token bucket's shape: it holds at most {@code capacity} tokens and gains {@code refill} of them
 * every {@code period}, a little at a time (so a client at the sustained rate is never refused).
 * One request (or one poll) takes one token.
 */
public record Quota(long capacity, long refill, Duration period) {

    public Quota {
        if (capacity < 1 || refill < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a quota needs capacity, refill and period > 0: " + capacity + ", "
                    + refill + ", " + period);
        }
    }

    /** REST requests: {@code perSecond} sustained, bursts up to twice that. */
    public static Quota requestsPerSecond(int perSecond) {
        return new Quota(2L * perSecond, perSecond, Duration.ofSeconds(1));
    }

    /** Provider polls: {@code perMinute}, all of them at once at most. */
    public static Quota pollsPerMinute(int perMinute) {
        return new Quota(perMinute, perMinute, Duration.ofMinutes(1));
    }

    /** How long an untouched bucket takes to fill from empty: past it, a forgotten bucket is the same as a new one. */
    public Duration toFill() {
        return Duration.ofNanos(nanosFor(capacity));
    }

    /** How long the bucket takes to gain {@code tokens}. */
    public long nanosFor(long tokens) {
        try {
            return Math.addExact(Math.multiplyExact(tokens, period.toNanos()), refill - 1) / refill;
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The window, in whole seconds, in which {@code capacity} tokens are gained: the {@code w} of {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return Math.max(1, (toFill().toMillis() + 999) / 1000);
    }
}
