package io.tickhub.server.provider.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When each row of a replay is due on the clock and what provider time it carries. Immutable: a
 * pure function of where the replay started, its first row and its settings, so it is tested with
 * fixed instants and no thread.
 *
 * <p>A row recorded {@code offset} after the first is due {@code offset / speed} after the start.
 * Rebased rows carry the instant they are due (so at 1x, start + offset: the first row "now", and
 * at 10x the times still follow the clock, never running ahead of it); as fast as possible they
 * carry start + offset, keeping the file's spacing. Not rebased, they carry the file's time.
 *
 * @param start     the clock's instant when the first row was played
 * @param firstTime the first row's recorded time
 */
record ReplaySchedule(Instant start, Instant firstTime, double speed, boolean rebase) {

    ReplaySchedule {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(firstTime, "firstTime");
    }

    /** When a row recorded at {@code time} should be played; {@link #start} for every row as fast as possible. */
    Instant due(Instant time) {
        return speed == ReplaySettings.AS_FAST_AS_POSSIBLE ? start : start.plus(scaled(Duration.between(firstTime, time)));
    }

    /** The provider time a row recorded at {@code time} is submitted with. */
    Instant providerTime(Instant time) {
        if (!rebase) {
            return time;
        }
        return speed == ReplaySettings.AS_FAST_AS_POSSIBLE ? start.plus(Duration.between(firstTime, time)) : due(time);
    }

    private Duration scaled(Duration offset) {
        if (speed == 1) {
            return offset;
        }
        // Seconds and nanos apart: a day's offset in nanoseconds divided by a double loses precision.
        double seconds = (offset.getSeconds() + offset.getNano() / 1e9) / speed;
        long whole = (long) Math.floor(seconds);
        return Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9));
    }

    /**
     * How far each pass of a looping replay is shifted: the span of the file's times plus one
     * average step, so the next pass starts one step after the latest row, as if recorded next.
     */
    static Duration loopShift(Instant earliest, Instant latest, long rows) {
        Duration span = Duration.between(earliest, latest);
        Duration step = rows > 1 ? span.dividedBy(rows - 1) : Duration.ofSeconds(1);
        Duration shift = span.plus(step);
        return shift.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : shift;
    }
}
