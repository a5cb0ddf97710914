package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the property test does not cover: late quotes, repeats and closing on time. */
class BarAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-03-06T14:30:00Z");

    private final List<Bar> emitted = new ArrayList<>();
    private final BarAggregator aggregator = new BarAggregator(ZoneOffset.UTC);
    private long seq;

    BarAggregatorTest() {
        aggregator.subscribe(emitted::add);
    }

    private void quote(Instant providerTime, double price) {
        aggregator.onQuote(new Quote("AAPL", price, null, null, 10, "test", providerTime, providerTime, ++seq));
    }

    @Test
    void aQuoteOlderThanEveryOpenBarChangesNoBarAndIsCountedOnce() {
        quote(T0, 100);
        int before = emitted.size();

        quote(T0.minusSeconds(2 * 86_400), 50);

        assertThat(emitted).hasSize(before);
        assertThat(aggregator.lateCount()).isEqualTo(1);
        assertThat(aggregator.current("AAPL", BarInterval.D1)).get().extracting(Bar::low).isEqualTo(100.0);
    }

    @Test
    void aQuoteLateForShortBarsStillCountsInTheLongerBarThatHoldsIt() {
        quote(T0.plusSeconds(65), 100);

        quote(T0.plusSeconds(3), 50);

        assertThat(aggregator.current("AAPL", BarInterval.M1)).get().extracting(Bar::low).isEqualTo(100.0);
        assertThat(aggregator.current("AAPL", BarInterval.M5)).get().extracting(Bar::low).isEqualTo(50.0);
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
        assertThat(aggregator.current("AAPL", BarInterval.M1)).get().satisfies(bar -> {
            assertThat(bar.count()).isEqualTo(6);
            assertThat(bar.volume()).isEqualTo(60.0);
            assertThat(bar.low()).isEqualTo(99.0);
        });
    }

    @Test
    void closeDueClosesOnlyBarsWhoseEndHasPassed() {
        quote(T0, 100);
        emitted.clear();

        aggregator.closeDue(T0.plusSeconds(1));

        assertThat(emitted).singleElement().satisfies(bar -> {
            assertThat(bar.interval()).isEqualTo(BarInterval.S1);
            assertThat(bar.closed()).isTrue();
        });
        assertThat(aggregator.current("AAPL", BarInterval.M1)).get().extracting(Bar::closed).isEqualTo(false);
    }
}
