package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** SMA, EMA and VWAP against their textbook definitions. */
class IndicatorsPropertiesTest {

    @Provide
    Arbitrary<List<Double>> prices() {
        return Arbitraries.doubles().between(0.01, 10_000).ofScale(4).list().ofMinSize(1).ofMaxSize(500);
    }

    @Property
    void smaIsTheMeanOfTheLastWindowValues(@ForAll("prices") List<Double> prices, @ForAll @IntRange(min = 2, max = 60) int window) {
        double[] values = prices.stream().mapToDouble(Double::doubleValue).toArray();

        double sma = Indicators.sma(values, window);

        if (values.length < window) {
            assertThat(sma).isNaN();
        } else {
            double mean = prices.subList(prices.size() - window, prices.size()).stream()
                    .mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(sma).isCloseTo(mean, within(1e-9 * Math.max(1, mean)));
        }
    }

    @Property
    void emaFollowsItsRecurrenceSeededWithTheFirstWindowsMean(@ForAll("prices") List<Double> prices,
                                                               @ForAll @IntRange(min = 2, max = 60) int window) {
        double[] values = prices.stream().mapToDouble(Double::doubleValue).toArray();

        double ema = Indicators.ema(values, window);

        if (values.length < window) {
            assertThat(ema).isNaN();
            return;
        }
        // Reference: EMA_t = k * x_t + (1 - k) * EMA_{t-1}, EMA_{window-1} = mean(x_0..x_{window-1}).
        double k = 2.0 / (window + 1);
        double expected = IntStream.range(0, window).mapToDouble(i -> values[i]).average().orElseThrow();
        for (int i = window; i < values.length; i++) {
            expected = k * values[i] + (1 - k) * expected;
        }
        assertThat(ema).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    @Property
    void vwapLiesBetweenTheLowestAndHighestPriceOfTheWindow(@ForAll("prices") List<Double> prices,
                                                            @ForAll @IntRange(min = 1, max = 60) int window) {
        double[] values = prices.stream().mapToDouble(Double::doubleValue).toArray();
        double[] volumes = IntStream.range(0, values.length).mapToDouble(i -> 100 + (i * 37) % 900).toArray();

        double vwap = Indicators.vwap(values, volumes, window);

        if (values.length < window) {
            assertThat(vwap).isNaN();
            return;
        }
        double notional = 0;
        double volume = 0;
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int i = values.length - window; i < values.length; i++) {
            notional += values[i] * volumes[i];
            volume += volumes[i];
            low = Math.min(low, values[i]);
            high = Math.max(high, values[i]);
        }
        assertThat(vwap).isCloseTo(notional / volume, within(1e-9 * high))
                .isBetween(low - 1e-9 * high, high + 1e-9 * high);
    }
}
