package io.tickhub.core.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link BarAggregator} closes bars and treats ticks that come after their bar closed.
 *
 * @param allowedLateness how far a symbol's event time (the newest provider time folded in) must
 *                        be past a bar's end before the bar closes; also how long a symbol must be
 *                        quiet (no tick arriving) before the wall clock closes its bars instead
 * @param lateTicks       what a tick whose bar has closed does: revise that bar, or be refused
 * @param revisableBars   closed bars kept per symbol and interval that a late tick can still
 *                        revise; a tick older than those is refused and counted (at least 1: the
 *                        newest closed bar is kept as the symbol's current bar anyway)
 */
public record BarSettings(Duration allowedLateness, LateTicks lateTicks, int revisableBars) {

    /** What a tick does when its bar has closed already. */
    public enum LateTicks {
        /** Folds into the closed bar, which is stored and published again with {@code revised:true}. */
        REVISE,
        /** Changes no bar and is counted. */
        DROP
    }

    /** 5 s of lateness, revise, 8 revisable bars per interval. */
    public static final BarSettings DEFAULTS = new BarSettings(Duration.ofSeconds(5), LateTicks.REVISE, 8);

    public BarSettings {
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(lateTicks, "lateTicks");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must be >= 0, was " + allowedLateness);
        }
        if (revisableBars < 1) {
            throw new IllegalArgumentException("revisable bars must be >= 1, was " + revisableBars);
        }
    }
}
