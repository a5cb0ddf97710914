package io.tickhub.server.provider.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a row is due. Called on the replay's own thread only. Tests pass one that records
 * the waits and moves a manual clock instead of sleeping.
 */
@FunctionalInterface
interface ReplayPacer {

    /** Returns once {@code due} has come (at once when it has passed); interruptible, for close(). */
    void awaitInstant(Instant due) throws InterruptedException;

    /** Sleeps on the real thread until {@code clock} reaches the instant, in steps of at most a minute. */
    static ReplayPacer sleeping(Clock clock) {
        return due -> {
            Duration remaining;
            while ((remaining = Duration.between(clock.instant(), due)).isPositive()) {
                // Re-read the clock after each step: a long wait is not trusted to one sleep.
                Thread.sleep(remaining.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : remaining);
            }
        };
    }
}
