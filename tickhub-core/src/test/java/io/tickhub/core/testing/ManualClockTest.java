package io.tickhub.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = ManualClock.at("2025-03-04T05:06:07Z");

        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant());
        assertThat(clock.millis()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z").toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advanceMovesForwardByTheStep() {
        ManualClock clock = new ManualClock();

        Instant after = clock.advance(Duration.ofMillis(1500));

        assertThat(after).isEqualTo(ManualClock.DEFAULT_START.plusMillis(1500));
        assertThat(clock.instant()).isEqualTo(after);
    }

    @Test
    void advanceRefusesToGoBackwards() {
        ManualClock clock = new ManualClock();

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    }

    @Test
    void setJumpsToAnyInstant() {
        ManualClock clock = new ManualClock();

        clock.set(Instant.EPOCH);

        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void zonedViewFollowsTheManualTime() {
        ManualClock clock = new ManualClock();
        Clock newYork = clock.withZone(ZoneId.of("America/New_York"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(newYork.instant()).isEqualTo(clock.instant());
        assertThat(newYork.getZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void concurrentAdvancesAreNeverLost() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.EPOCH);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofNanos(1));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusNanos(40_000));
    }
}
