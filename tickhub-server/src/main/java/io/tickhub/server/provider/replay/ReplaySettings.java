package io.tickhub.server.provider.replay;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to replay and how. Immutable.
 *
 * @param file   CSV of {@code timestamp,symbol,price[,volume,bid,ask]}
 * @param speed  multiplier of the file's own pace (1 = as recorded, 10 = ten times faster);
 *               0 = as fast as the sink takes them
 * @param loop   start again at the end, each pass shifted forward so provider times keep increasing
 * @param rebase play the first row "now": provider times follow the clock instead of the file's
 *               dates (the demo default, so bars and charts look live)
 */
public record ReplaySettings(Path file, double speed, boolean loop, boolean rebase) {

    /** {@link #speed} meaning "do not wait between rows". */
    public static final double AS_FAST_AS_POSSIBLE = 0;

    public ReplaySettings {
        Objects.requireNonNull(file, "file");
        if (!Double.isFinite(speed) || speed < 0) {
            throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or a positive multiplier, was "
                    + speed);
        }
    }

    /** Whether rows are played without waiting. */
    public boolean asFastAsPossible() {
        return speed == AS_FAST_AS_POSSIBLE;
    }
}
