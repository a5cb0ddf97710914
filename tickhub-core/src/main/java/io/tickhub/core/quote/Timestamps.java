package io.tickhub.core.quote;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one timestamp format of the hub (REST and stream formats): UTC ISO-8601, millisecond precision, {@code Z}. */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Epoch microseconds: the precision of hub time and the protocol's {@code ts}. */
    public static long micros(Instant instant) {
        return micros(instant.getEpochSecond(), instant.getNano());
    }

    /** The same from an instant's parts, for a holder that keeps them instead of an {@link Instant}. */
    public static long micros(long epochSecond, int nano) {
        return epochSecond * 1_000_000L + nano / 1_000;
    }

    /** {@code 2026-11-21T19:05:58.396Z}; {@code null} stays {@code null}. */
    public static String iso(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
