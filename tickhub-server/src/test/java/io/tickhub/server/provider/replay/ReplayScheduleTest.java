package io.tickhub.server.provider.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Due instants and provider times computed from fixed instants: the pacing, without a thread or a wait. */
class ReplayScheduleTest {

    private static final Instant NOW = Instant.parse("2025-01-02T14:30:00Z");
    private static final Instant FIRST = Instant.parse("2024-01-02T14:30:00Z");

    private static Instant recorded(long millisAfterFirst) {
        return FIRST.plusMillis(millisAfterFirst);
    }

    @Test
    void atOneTimesRowsAreDueAsFarApartAsRecorded() {
        var schedule = new ReplaySchedule(NOW, FIRST, 1, false);

        assertThat(schedule.due(recorded(0))).isEqualTo(NOW);
        assertThat(schedule.due(recorded(1_000))).isEqualTo(NOW.plusSeconds(1));
        assertThat(schedule.due(recorded(3_600_000))).isEqualTo(NOW.plusSeconds(3_600));
        assertThat(schedule.providerTime(recorded(1_000))).isEqualTo(recorded(1_000));
    }

    @Test
    void atTenTimesRowsAreDueATenthAsFarApart() {
        var schedule = new ReplaySchedule(NOW, FIRST, 10, false);

        assertThat(schedule.due(recorded(1_000))).isEqualTo(NOW.plusMillis(100));
        assertThat(schedule.due(recorded(2_500))).isEqualTo(NOW.plusMillis(250));
        assertThat(schedule.due(recorded(1))).isEqualTo(NOW.plusNanos(100_000));
        assertThat(schedule.due(recorded(86_400_000L * 365))).isEqualTo(NOW.plus(Duration.ofDays(365).dividedBy(10)));
    }

    @Test
    void aRebasedRowCarriesTheInstantItIsPlayedAt() {
        assertThat(new ReplaySchedule(NOW, FIRST, 1, true).providerTime(recorded(0))).isEqualTo(NOW);
        assertThat(new ReplaySchedule(NOW, FIRST, 1, true).providerTime(recorded(90_000))).isEqualTo(NOW.plusSeconds(90));
        assertThat(new ReplaySchedule(NOW, FIRST, 10, true).providerTime(recorded(90_000))).isEqualTo(NOW.plusSeconds(9));
    }

    @Test
    void asFastAsPossibleEveryRowIsDueAtOnceAndRebasingKeepsTheRecordedSpacing() {
        var schedule = new ReplaySchedule(NOW, FIRST, ReplaySettings.AS_FAST_AS_POSSIBLE, true);

        assertThat(schedule.due(recorded(5_000))).isEqualTo(NOW);
        assertThat(schedule.providerTime(recorded(5_000))).isEqualTo(NOW.plusSeconds(5));
        assertThat(new ReplaySchedule(NOW, FIRST, 0, false).providerTime(recorded(5_000))).isEqualTo(recorded(5_000));
    }

    @Test
    void aRowRecordedBeforeTheFirstIsAlreadyDue() {
        assertThat(new ReplaySchedule(NOW, FIRST, 2, false).due(recorded(-2_000))).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void eachLoopIsShiftedByTheSpanPlusOneAverageStep() {
        assertThat(ReplaySchedule.loopShift(recorded(0), recorded(3_000), 4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ReplaySchedule.loopShift(recorded(0), recorded(0), 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReplaySchedule.loopShift(recorded(0), recorded(0), 5)).isEqualTo(Duration.ofMillis(1));
    }
}
