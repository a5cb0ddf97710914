package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.analytics.BarSettings.LateTicks;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the property test does not cover: closing by event time and by the wall clock, late ticks, repeats, recovery. */
class BarAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-03-06T14:30:00Z");
    private static final Duration LATENESS = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(T0);
    private final List<Bar> emitted = new ArrayList<>();
    private BarAggregator aggregator = aggregator(LateTicks.REVISE, 8, ZoneOffset.UTC);
    private long seq;

    private BarAggregator aggregator(LateTicks lateTicks, int revisable, ZoneId zone) {
        BarAggregator a = new BarAggregator(zone, new BarSettings(LATENESS, lateTicks, revisable), clock);
        a.subscribe(emitted::add);
        return a;
    }

    private void quote(Instant providerTime, double price) {
        aggregator.onQuote(new Quote("AAPL", price, null, null, 10, "test", providerTime, clock.instant(), ++seq));
    }

    private Bar bar(BarInterval interval) {
        return aggregator.current("AAPL", interval).orElseThrow();
    }

    private List<Bar> closed(BarInterval interval) {
        return emitted.stream().filter(b -> b.interval() == interval && b.closed()).toList();
    }

    @Test
    void fortyTicksOfAPastMinuteReplayedAfterItAllLandInItsBars() {
        clock.set(Instant.parse("2026-07-01T00:00:00Z")); // the wall clock is months past the replayed minute
        for (int i = 0; i < 40; i++) {
            quote(T0.plusMillis(1_500L * i), 100 + i);
            aggregator.closeDue(clock.instant()); // the closer's sweeps run while the replay does
        }
        assertThat(bar(BarInterval.M1).count()).isEqualTo(40);
        assertThat(bar(BarInterval.H1).count()).isEqualTo(40);
        assertThat(bar(BarInterval.D1).count()).isEqualTo(40);
        assertThat(aggregator.lateCount()).isZero();

        clock.advance(LATENESS); // the replay has ended: the symbol is quiet, the wall clock closes its bars

        aggregator.closeDue(clock.instant());
        assertThat(closed(BarInterval.M1)).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(40);
            assertThat(b.open()).isEqualTo(100);
            assertThat(b.close()).isEqualTo(139);
            assertThat(b.lastSeq()).isEqualTo(40);
        });
        assertThat(aggregator.openBars()).isEmpty();
    }

    @Test
    void aBarClosesOnceTheSymbolsEventTimePassesItsEndPlusTheAllowedLateness() {
        clock.set(T0.plusSeconds(3_600)); // a provider lagging an hour, ticking all the time
        quote(T0.plusSeconds(10), 100);
        quote(T0.plusSeconds(62), 101);
        quote(T0.plusSeconds(58), 99); // behind the event time, within the lateness: still in its bars
        aggregator.closeDue(clock.instant());
        assertThat(closed(BarInterval.M1)).isEmpty();

        quote(T0.plusSeconds(65), 102);

        assertThat(closed(BarInterval.M1)).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(T0);
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.low()).isEqualTo(99);
            assertThat(b.close()).isEqualTo(99);
        });
        assertThat(bar(BarInterval.M1).count()).isEqualTo(2);
        assertThat(aggregator.lateCount()).isZero();
    }

    @Test
    void aQuietLiveSymbolsBarIsClosedByTheWallClockAfterTheAllowedLateness() {
        clock.set(T0.plusSeconds(59));
        quote(clock.instant(), 100);

        aggregator.closeDue(clock.advance(Duration.ofSeconds(5)));
        assertThat(closed(BarInterval.M1)).isEmpty();

        aggregator.closeDue(clock.advance(Duration.ofSeconds(1)));
        assertThat(closed(BarInterval.M1)).singleElement().extracting(Bar::start).isEqualTo(T0);
        assertThat(bar(BarInterval.M5).closed()).isFalse();
    }

    @Test
    void aLateTickRevisesItsClosedBarWhichIsPublishedAgainAsARevision() {
        quote(T0.plusSeconds(10), 100);
        quote(T0.plusSeconds(70), 101);
        emitted.clear();

        quote(T0.plusSeconds(20), 90);

        List<Bar> revisions = emitted.stream().filter(Bar::revised).toList();
        assertThat(revisions).extracting(Bar::interval).containsExactlyInAnyOrder(BarInterval.S1, BarInterval.M1);
        assertThat(revisions).allSatisfy(b -> assertThat(b.closed()).isTrue());
        assertThat(revisions).filteredOn(b -> b.interval() == BarInterval.M1).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(T0);
            assertThat(b.open()).isEqualTo(100);
            assertThat(b.low()).isEqualTo(90);
            assertThat(b.close()).isEqualTo(90); // last in seq order
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.lastSeq()).isEqualTo(3);
        });
        assertThat(bar(BarInterval.M5).count()).as("the 5m bar is still open: an ordinary update").isEqualTo(3);
        assertThat(aggregator.lateCount()).isEqualTo(1);
        assertThat(aggregator.revisionCount()).isEqualTo(2);
        assertThat(aggregator.refusedCount()).isZero();
    }

    @Test
    void underDropALateTickChangesNoClosedBarAndIsCounted() {
        aggregator = aggregator(LateTicks.DROP, 8, ZoneOffset.UTC);
        quote(T0.plusSeconds(10), 100);
        quote(T0.plusSeconds(70), 101);
        emitted.clear();

        quote(T0.plusSeconds(20), 90);

        assertThat(emitted).noneMatch(Bar::revised);
        assertThat(emitted).extracting(Bar::interval).containsExactlyInAnyOrder(BarInterval.M5, BarInterval.H1,
                BarInterval.D1);
        assertThat(aggregator.lateCount()).isEqualTo(1);
        assertThat(aggregator.refusedCount()).isEqualTo(1);
        assertThat(aggregator.revisionCount()).isZero();
    }

    @Test
    void aLateTickOlderThanTheRevisableBarsIsRefusedEvenUnderRevise() {
        aggregator = aggregator(LateTicks.REVISE, 1, ZoneOffset.UTC);
        quote(T0.plusSeconds(10), 100);
        quote(T0.plusSeconds(70), 101);
        quote(T0.plusSeconds(130), 102); // the T0 minute is no longer held: only the newest closed one is

        quote(T0.plusSeconds(20), 90);

        assertThat(emitted).filteredOn(b -> b.interval() == BarInterval.M1 && b.revised()).isEmpty();
        assertThat(aggregator.refusedCount()).isEqualTo(1);
        assertThat(aggregator.lateCount()).isEqualTo(1);
    }

    @Test
    void aBatchHeardAgainChangesNoBarSoCountAndVolumeAreNotDoubled() {
        List<Quote> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new Quote("AAPL", 100 + i, null, null, 10, "test", T0.plusMillis(i), T0.plusMillis(i), ++seq));
        }
        batch.forEach(aggregator::onQuote);
        int before = emitted.size();

        batch.forEach(aggregator::onQuote); // a Kafka worker reading the batch again
        quote(T0.plusMillis(10), 99);

        assertThat(aggregator.repeatCount()).isEqualTo(5);
        assertThat(emitted).hasSize(before + BarInterval.values().length);
        assertThat(bar(BarInterval.M1)).satisfies(b -> {
            assertThat(b.count()).isEqualTo(6);
            assertThat(b.volume()).isEqualTo(60.0);
            assertThat(b.low()).isEqualTo(99.0);
        });
    }

    @Test
    void dailyBarsOfADstDayStartAtExchangeMidnightAndCloseByEventTime() {
        ZoneId newYork = ZoneId.of("America/New_York");
        aggregator = aggregator(LateTicks.REVISE, 8, newYork);
        clock.set(Instant.parse("2026-07-01T00:00:00Z"));
        // 2026-03-08 is 23 hours long in New York: clocks go from 02:00 EST to 03:00 EDT.
        Instant saturdayLate = Instant.parse("2026-03-08T04:30:00Z"); // 23:30 EST on the 7th
        for (int i = 0; i < 40; i++) {
            quote(saturdayLate.plus(Duration.ofMinutes(90L * i)), 100 + i); // every 90 min through 11:00 EDT on the 10th
            aggregator.closeDue(clock.instant());
        }

        assertThat(closed(BarInterval.D1)).extracting(Bar::start).containsExactly(
                Instant.parse("2026-03-07T05:00:00Z"), Instant.parse("2026-03-08T05:00:00Z"),
                Instant.parse("2026-03-09T04:00:00Z"));
        // 23:30 EST on the 7th; 01:00 EST .. 23:00 EDT on the 8th (15 ticks in its 23 h); 00:30 .. 23:00 EDT on the 9th.
        assertThat(closed(BarInterval.D1)).extracting(Bar::count).containsExactly(1L, 15L, 16L);
        assertThat(aggregator.lateCount()).isZero();
    }

    @Test
    void aRecoveryFoldsInOnlyTheTicksEachBarDoesNotHoldYet() {
        Bar checkpointed = new Bar("AAPL", BarInterval.M1, T0, 100, 105, 99, 104, 30, 3, false, 3, false);
        aggregator.restore(checkpointed);
        aggregator.restore(new Bar("AAPL", BarInterval.M5, T0, 100, 106, 99, 106, 40, 4, false, 4, false));

        assertThat(aggregator.refoldAfter("AAPL")).as("some interval holds no bar").isZero();
        for (long s = 1; s <= 5; s++) {
            aggregator.refold(new Quote("AAPL", 100 + s, null, null, 10, "test", T0.plusSeconds(s), T0, s));
        }

        assertThat(bar(BarInterval.M1)).satisfies(b -> {
            assertThat(b.count()).isEqualTo(5); // 3 stored + seqs 4 and 5
            assertThat(b.close()).isEqualTo(105);
            assertThat(b.lastSeq()).isEqualTo(5);
        });
        assertThat(bar(BarInterval.M5).count()).isEqualTo(5); // 4 stored + seq 5
        assertThat(bar(BarInterval.H1).count()).isEqualTo(5); // none stored: every seq
        assertThat(aggregator.refoldAfter("AAPL")).isEqualTo(5);
        assertThat(aggregator.repeatCount()).isZero();
    }

    @Test
    void aRestoredSymbolThatStaysSilentHasItsPassedBarsClosedByTheWallClock() {
        aggregator.restore(new Bar("AAPL", BarInterval.M1, T0, 1, 2, 1, 2, 3, 2, false, 2, false));

        aggregator.closeDue(T0.plusSeconds(64));
        assertThat(closed(BarInterval.M1)).isEmpty();
        aggregator.closeDue(T0.plusSeconds(65));

        assertThat(closed(BarInterval.M1)).singleElement().extracting(Bar::lastSeq).isEqualTo(2L);
        assertThat(aggregator.openBars()).isEmpty();
    }
}
