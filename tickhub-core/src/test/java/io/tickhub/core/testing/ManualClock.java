package io.tickhub.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that only moves when a test moves it. Thread-safe: the instant is a volatile
 * field, so a change made by the test thread is seen at once by the threads under test; changes
 * are serialised so that concurrent {@link #advance} calls never lose a step.
 *
 * <p>Zone is UTC. {@link #withZone} returns a view in another zone that still follows this clock.
 */
public final class ManualClock extends Clock {

    /** A fixed, recognisable default start: 2025-01-02T14:30:00Z (a trading day, 09:30 New York). */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-02T14:30:00Z");

    private volatile Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public static ManualClock at(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return ZoneOffset.UTC.equals(zone) ? this : new ZonedView(this, zone);
    }

    /** Moves the clock forward by {@code step} (not backwards: use {@link #set}) and returns the new instant. */
    public synchronized Instant advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("a manual clock advances by a positive step, was " + step);
        }
        now = now.plus(step);
        return now;
    }

    /** Puts the clock at {@code instant}, forwards or backwards. */
    public synchronized void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }

    /** The same manual time seen from another zone. */
    private static final class ZonedView extends Clock {
        private final ManualClock source;
        private final ZoneId zone;

        ZonedView(ManualClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return source.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return source.withZone(other);
        }
    }
}
