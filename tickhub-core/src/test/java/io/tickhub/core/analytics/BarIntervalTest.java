package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BarIntervalTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void intradayBarsStartOnUtcBoundaries() {
        Instant t = Instant.parse("2026-03-06T14:37:12.345Z");

        assertThat(BarInterval.S1.start(t, NEW_YORK)).isEqualTo(Instant.parse("2026-03-06T14:37:12Z"));
        assertThat(BarInterval.M5.start(t, NEW_YORK)).isEqualTo(Instant.parse("2026-03-06T14:35:00Z"));
        assertThat(BarInterval.H1.start(t, NEW_YORK)).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
    }

    @Test
    void dailyBarsStartAtMidnightInTheExchangeZoneAndFollowDst() {
        // 2026-03-08 is the US spring-forward day: 23 hours long in New York.
        Instant sunday = Instant.parse("2026-03-08T12:00:00Z");

        Instant start = BarInterval.D1.start(sunday, NEW_YORK);

        assertThat(start).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(Duration.between(start, BarInterval.D1.end(start, NEW_YORK))).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void codesAndChannels() {
        assertThat(BarInterval.parse("5m")).contains(BarInterval.M5);
        assertThat(BarInterval.parse("2m")).isEmpty();
        assertThat(BarInterval.H1.channel()).isEqualTo("bars.1h");
    }
}
