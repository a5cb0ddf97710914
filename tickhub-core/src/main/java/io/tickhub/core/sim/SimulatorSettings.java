package io.tickhub.core.sim;

import io.tickhub.core.quote.Symbols;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the simulated market trades and how its prices move. Validated on construction, so a
 * bad setting fails at start-up with a message naming it.
 *
 * @param tickerCount     how many {@code ITEM_xx} tickers (system E's {@code TICKER_COUNT}); may be 0
 * @param symbols         named symbols simulated besides them (system A's {@code TICKERS})
 * @param interval        time between ticks; every symbol moves once per tick
 * @param changeRange     random walk: largest change per tick (system E's {@code PRICE_CHANGE_RANGE})
 * @param initialPriceMin lowest initial price of a symbol without a reference price
 * @param initialPriceMax highest initial price of a symbol without a reference price
 * @param model           how prices move
 * @param volatility      GBM: annualised volatility (0.2 = 20%)
 * @param drift           GBM: annualised drift
 * @param spreadBps       bid/ask spread around the price, in basis points (at least one cent)
 * @param seed            random seed; {@code null} for a different market every run
 * @param followSessions  tick only while the exchange is open (pre, regular and post sessions), with a
 *                        tenth of the volume outside the regular session; otherwise around the clock
 */
public record SimulatorSettings(
        int tickerCount,
        List<String> symbols,
        Duration interval,
        double changeRange,
        double initialPriceMin,
        double initialPriceMax,
        PriceModel model,
        double volatility,
        double drift,
        double spreadBps,
        Long seed,
        boolean followSessions) {

    /** Around the clock, whatever the exchange's sessions. */
    public SimulatorSettings(int tickerCount, List<String> symbols, Duration interval, double changeRange,
                             double initialPriceMin, double initialPriceMax, PriceModel model, double volatility,
                             double drift, double spreadBps, Long seed) {
        this(tickerCount, symbols, interval, changeRange, initialPriceMin, initialPriceMax, model, volatility, drift,
                spreadBps, seed, false);
    }

    public SimulatorSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(model, "model");
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        require(tickerCount >= 0, "ticker-count must be >= 0, was " + tickerCount);
        require(tickerCount + symbols.size() > 0, "the simulator needs at least one ticker or symbol");
        for (String symbol : symbols) {
            require(Symbols.isValid(symbol), "symbols: '" + symbol + "' is not a valid symbol");
        }
        require(!interval.isNegative() && !interval.isZero(), "interval must be > 0, was " + interval);
        require(changeRange >= 0 && Double.isFinite(changeRange), "change-range must be >= 0, was " + changeRange);
        require(initialPriceMin >= 0.01, "initial-price-min must be >= 0.01, was " + initialPriceMin);
        require(initialPriceMax >= initialPriceMin,
                "initial-price-max (" + initialPriceMax + ") must be >= initial-price-min (" + initialPriceMin + ")");
        require(Double.isFinite(initialPriceMax), "initial-price-max must be finite, was " + initialPriceMax);
        require(volatility >= 0 && Double.isFinite(volatility), "volatility must be >= 0, was " + volatility);
        require(Double.isFinite(drift), "drift must be finite");
        require(spreadBps >= 0 && Double.isFinite(spreadBps), "spread-bps must be >= 0, was " + spreadBps);
    }

    /** System E's defaults: 10 tickers, 1 s, +-1.0, initial prices 50..200, random walk. */
    public static SimulatorSettings systemEDefaults() {
        return new SimulatorSettings(10, List.of(), Duration.ofSeconds(1), 1.0, 50, 200,
                PriceModel.RANDOM_WALK, 0.2, 0.0, 5, null);
    }

    public int symbolCount() {
        return tickerCount + symbols.size();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
