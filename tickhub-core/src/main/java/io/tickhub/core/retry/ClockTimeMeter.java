package io.tickhub.core.retry;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/**
 * Bucket4j's time from the injected {@link Clock}, so rate limits follow the hub's clock and tests
 * move a manual clock instead of waiting.
 */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
