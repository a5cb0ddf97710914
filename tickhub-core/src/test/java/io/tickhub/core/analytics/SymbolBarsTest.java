package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SymbolBarsTest {

    @Test
    void millisRoundsDownSoComparisonsWithWholeMillisecondBoundsDecideAsTheTimesWould() {
        assertThat(SymbolBars.millis(Instant.ofEpochSecond(60, 999_999_999))).isEqualTo(60_999);
        // Before the epoch, down is away from zero: -0.5 ms lies in the millisecond [-1, 0).
        assertThat(SymbolBars.millis(Instant.ofEpochSecond(-1, 999_500_000))).isEqualTo(-1);
        assertThat(SymbolBars.millis(Instant.ofEpochSecond(-1, 0))).isEqualTo(-1_000);
    }

    @Test
    void millisSaturatesForTimesBeyondWhatALongOfMillisecondsHolds() {
        assertThat(SymbolBars.millis(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(SymbolBars.millis(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void findHoldsATimeFromTheBarsStartUpToButNotIncludingItsEnd() {
        SymbolBars bars = new SymbolBars();
        Instant start = Instant.parse("2026-12-04T15:30:00Z");
        Bar bar = Bar.open("AAPL", BarInterval.M1, start, 190, 10, 1);
        bars.insert(BarInterval.M1.ordinal(), bar, start.plusSeconds(60));
        int m1 = BarInterval.M1.ordinal();

        assertThat(bars.find(m1, SymbolBars.millis(start))).isNotNull();
        assertThat(bars.find(m1, SymbolBars.millis(start.plusSeconds(60).minusNanos(1)))).isNotNull();
        assertThat(bars.find(m1, SymbolBars.millis(start.plusSeconds(60)))).isNull();
        assertThat(bars.find(m1, SymbolBars.millis(start.minusNanos(1)))).isNull();
    }
}
