package io.tickhub.core.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The bar lengths the hub builds. Intraday bars start on UTC boundaries (a whole number of
 * lengths since the epoch); daily bars start at midnight in the exchange's time zone, so a day
 * around a DST change is 23 or 25 hours long, as on the exchange.
 */
public enum BarInterval {
    S1("1s", Duration.ofSeconds(1)),
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    H1("1h", Duration.ofHours(1)),
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final long millis;

    BarInterval(String code, Duration length) {
        this.code = code;
        this.millis = length.toMillis();
    }

    /** {@code 1s}, {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}. */
    public String code() {
        return code;
    }

    /** The length in milliseconds; a daily bar's nominal 24 h (a DST day is 23 or 25). */
    public long nominalMillis() {
        return millis;
    }

    /** The stream channel its bars go out on: {@code bars.1m}. */
    public String channel() {
        return "bars." + code;
    }

    /** Start of the bar that holds {@code time}. */
    public Instant start(Instant time, ZoneId dailyZone) {
        if (this == D1) {
            return time.atZone(dailyZone).toLocalDate().atStartOfDay(dailyZone).toInstant();
        }
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
    }

    /** End (exclusive) of the bar starting at {@code start}. */
    public Instant end(Instant start, ZoneId dailyZone) {
        if (this == D1) {
            return start.atZone(dailyZone).toLocalDate().plusDays(1).atStartOfDay(dailyZone).toInstant();
        }
        return start.plusMillis(millis);
    }

    /** The interval of a stream channel ({@code bars.1m} → {@link #M1}); empty for any other channel. */
    public static Optional<BarInterval> ofChannel(String channel) {
        return channel.startsWith("bars.") ? parse(channel.substring("bars.".length())) : Optional.empty();
    }

    public static Optional<BarInterval> parse(String code) {
        for (BarInterval interval : values()) {
            if (interval.code.equals(code)) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }
}
