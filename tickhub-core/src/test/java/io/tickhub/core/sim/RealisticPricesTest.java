package io.tickhub.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default GBM moves like a real stock at its volatility; the sessions are followed when asked. */
class RealisticPricesTest {

    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    private final ManualClock clock = ManualClock.at("2026-03-10T15:00:00Z"); // Tuesday 11:00 New York

    @Test
    void realisedVolatilityOfTheDefaultGbmIsItsSettingScaledToTheTick() {
        int symbols = 20;
        int ticks = 5_000;
        SimulatedMarket market = new SimulatedMarket(gbm(symbols, 0.25, false), clock);
        double[] previous = prices(market.open(), symbols);
        double sumSquares = 0;
        int n = 0;
        for (int t = 0; t < ticks; t++) {
            double[] now = prices(market.tick(), symbols);
            for (int i = 0; i < symbols; i++) {
                double r = Math.log(now[i] / previous[i]);
                sumSquares += r * r;
                n++;
            }
            previous = now;
        }
        double annualised = Math.sqrt(sumSquares / n * TRADING_SECONDS_PER_YEAR);
        // Rounding to the cent adds a little noise on top of 25 %; 100,000 returns keep sampling error near 0.5 %.
        assertThat(annualised).isBetween(0.23, 0.30);
    }

    @Test
    void noSymbolMovesMoreThanThreePercentIn90SecondsAtTheDefaults() {
        int symbols = 200;
        SimulatedMarket market = new SimulatedMarket(gbm(symbols, 0.25, false), clock);
        double[] open = prices(market.open(), symbols);
        double[] low = open.clone();
        double[] high = open.clone();
        for (int t = 0; t < 90; t++) {
            double[] now = prices(market.tick(), symbols);
            for (int i = 0; i < symbols; i++) {
                low[i] = Math.min(low[i], now[i]);
                high[i] = Math.max(high[i], now[i]);
            }
        }
        for (int i = 0; i < symbols; i++) {
            // One sigma over 90 s at 25 % a year is 0.1 %: 3 % would be a 30-sigma move.
            assertThat(high[i] / open[i]).isLessThan(1.03);
            assertThat(low[i] / open[i]).isGreaterThan(0.97);
        }
    }

    @Test
    void bidAndAskSurroundThePriceAndVolumesAreRoundLots() {
        SimulatedMarket market = new SimulatedMarket(gbm(50, 0.25, false), clock);
        for (int t = 0; t < 100; t++) {
            for (RawQuote q : market.tick()) {
                assertThat(q.bid()).isLessThan(q.price());
                assertThat(q.ask()).isGreaterThan(q.price());
                assertThat(q.ask() - q.bid()).isLessThan(q.price() * 0.002);
                assertThat(q.volume()).isBetween(100.0, 10_000.0);
                assertThat(q.volume() % 100).isZero();
            }
        }
    }

    @Test
    void followingTheSessionsNothingMovesWhileTheExchangeIsClosedAndLessTradesOutsideTheRegularSession() {
        SimulatedMarket market = new SimulatedMarket(gbm(5, 0.25, true), clock);

        clock.set(java.time.Instant.parse("2026-03-14T15:00:00Z")); // Saturday
        assertThat(market.tick()).isEmpty();
        clock.set(java.time.Instant.parse("2026-04-03T15:00:00Z")); // Good Friday
        assertThat(market.tick()).isEmpty();
        clock.set(java.time.Instant.parse("2026-03-10T12:00:00Z")); // 08:00 New York: pre-market
        assertThat(market.tick()).hasSize(5).allSatisfy(q -> assertThat(q.volume()).isBetween(10.0, 1_000.0));
        clock.set(java.time.Instant.parse("2026-03-11T01:00:00Z")); // 21:00 New York: closed
        assertThat(market.tick()).isEmpty();
    }

    @Test
    void aroundTheClockByDefault() {
        SimulatedMarket market = new SimulatedMarket(gbm(5, 0.25, false), clock);
        clock.set(java.time.Instant.parse("2026-03-14T15:00:00Z")); // Saturday
        assertThat(market.tick()).hasSize(5);
    }

    private static SimulatorSettings gbm(int tickers, double volatility, boolean followSessions) {
        return new SimulatorSettings(tickers, List.of(), Duration.ofSeconds(1), 1.0, 50, 200, PriceModel.GBM,
                volatility, 0.0, 5, 7L, followSessions);
    }

    private static double[] prices(List<RawQuote> quotes, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = quotes.get(i).price();
        }
        return out;
    }
}
