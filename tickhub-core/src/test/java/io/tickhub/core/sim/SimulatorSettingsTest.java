package io.tickhub.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatorSettingsTest {

    /** A valid starting point that each case breaks in one place. */
    private record Draft(int tickerCount, List<String> symbols, Duration interval, double changeRange, double min,
                         double max, PriceModel model, double volatility, double drift, double spreadBps) {

        static Draft valid() {
            return new Draft(10, List.of("AAPL"), Duration.ofSeconds(1), 1.0, 50, 200, PriceModel.RANDOM_WALK, 0.2, 0,
                    5);
        }

        SimulatorSettings build() {
            return new SimulatorSettings(tickerCount, symbols, interval, changeRange, min, max, model, volatility,
                    drift, spreadBps, 1L);
        }
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("ticker-count", d -> new Draft(-1, d.symbols, d.interval, d.changeRange, d.min, d.max, d.model,
                        d.volatility, d.drift, d.spreadBps)),
                bad("at least one ticker or symbol", d -> new Draft(0, List.of(), d.interval, d.changeRange, d.min,
                        d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("symbols", d -> new Draft(d.tickerCount, List.of("AAPL", "NOT A SYMBOL"), d.interval,
                        d.changeRange, d.min, d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("interval", d -> new Draft(d.tickerCount, d.symbols, Duration.ZERO, d.changeRange, d.min, d.max,
                        d.model, d.volatility, d.drift, d.spreadBps)),
                bad("interval", d -> new Draft(d.tickerCount, d.symbols, Duration.ofSeconds(-1), d.changeRange, d.min,
                        d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("change-range", d -> new Draft(d.tickerCount, d.symbols, d.interval, -0.5, d.min, d.max, d.model,
                        d.volatility, d.drift, d.spreadBps)),
                bad("change-range", d -> new Draft(d.tickerCount, d.symbols, d.interval, Double.NaN, d.min, d.max,
                        d.model, d.volatility, d.drift, d.spreadBps)),
                bad("change-range", d -> new Draft(d.tickerCount, d.symbols, d.interval, Double.POSITIVE_INFINITY,
                        d.min, d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("initial-price-min", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, 0,
                        d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("initial-price-min", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange,
                        Double.NaN, d.max, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("initial-price-max", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, 100, 99,
                        d.model, d.volatility, d.drift, d.spreadBps)),
                bad("initial-price-max", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min,
                        Double.NaN, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("initial-price-max", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min,
                        Double.POSITIVE_INFINITY, d.model, d.volatility, d.drift, d.spreadBps)),
                bad("volatility", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, -0.1, d.drift, d.spreadBps)),
                bad("volatility", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, Double.NaN, d.drift, d.spreadBps)),
                bad("drift", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, d.volatility, Double.NaN, d.spreadBps)),
                bad("drift", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, d.volatility, Double.NEGATIVE_INFINITY, d.spreadBps)),
                bad("spread-bps", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, d.volatility, d.drift, -1)),
                bad("spread-bps", d -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max,
                        d.model, d.volatility, d.drift, Double.POSITIVE_INFINITY)));
    }

    private static Arguments bad(String named, UnaryOperator<Draft> breakIt) {
        return Arguments.of(named, breakIt.apply(Draft.valid()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badSettings")
    void badValueIsRefusedWithAMessageNamingTheSetting(String setting, Draft draft) {
        assertThatThrownBy(draft::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting);
    }

    @Test
    void validDraftIsAccepted() {
        SimulatorSettings settings = Draft.valid().build();

        assertThat(settings.symbolCount()).isEqualTo(11);
    }

    @Test
    void missingIntervalOrModelIsNamed() {
        Draft d = Draft.valid();

        assertThatThrownBy(() -> new Draft(d.tickerCount, d.symbols, null, d.changeRange, d.min, d.max, d.model,
                d.volatility, d.drift, d.spreadBps).build()).hasMessageContaining("interval");
        assertThatThrownBy(() -> new Draft(d.tickerCount, d.symbols, d.interval, d.changeRange, d.min, d.max, null,
                d.volatility, d.drift, d.spreadBps).build()).hasMessageContaining("model");
    }

    @Test
    void zeroTickersWithSymbolsAndZeroRangesAreAllowed() {
        SimulatorSettings settings = new SimulatorSettings(0, List.of("AAPL"), Duration.ofMillis(1), 0, 0.01, 0.01,
                PriceModel.GBM, 0, -1, 0, null);

        assertThat(settings.symbolCount()).isEqualTo(1);
        assertThat(settings.seed()).isNull();
    }

    @Test
    void nullSymbolsMeansNone() {
        SimulatorSettings settings = new SimulatorSettings(3, null, Duration.ofSeconds(1), 1, 50, 200,
                PriceModel.RANDOM_WALK, 0.2, 0, 5, null);

        assertThat(settings.symbols()).isEmpty();
        assertThat(settings.symbolCount()).isEqualTo(3);
    }

    @Test
    void symbolsAreCopiedNotShared() {
        List<String> symbols = new ArrayList<>(List.of("AAPL"));
        SimulatorSettings settings = new SimulatorSettings(0, symbols, Duration.ofSeconds(1), 1, 50, 200,
                PriceModel.RANDOM_WALK, 0.2, 0, 5, null);

        symbols.add("MSFT");

        assertThat(settings.symbols()).containsExactly("AAPL");
        assertThatThrownBy(() -> settings.symbols().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void systemEDefaultsAreTenItemsEverySecondWithinOneDollar() {
        SimulatorSettings defaults = SimulatorSettings.systemEDefaults();

        assertThat(defaults.tickerCount()).isEqualTo(10);
        assertThat(defaults.symbols()).isEmpty();
        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.changeRange()).isEqualTo(1.0);
        assertThat(defaults.initialPriceMin()).isEqualTo(50);
        assertThat(defaults.initialPriceMax()).isEqualTo(200);
        assertThat(defaults.model()).isEqualTo(PriceModel.RANDOM_WALK);
    }
}
