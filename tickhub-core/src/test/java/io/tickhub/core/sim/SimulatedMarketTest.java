package io.tickhub.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void sameSeedGivesTheSameMarket() {
        SimulatorSettings settings = randomWalk(10, List.of("AAPL"), 1.0, 50, 200, 42L);

        assertThat(run(new SimulatedMarket(settings, clock), 200))
                .isEqualTo(run(new SimulatedMarket(settings, clock), 200));
    }

    @Test
    void differentSeedsGiveDifferentMarkets() {
        assertThat(run(new SimulatedMarket(randomWalk(10, List.of(), 1.0, 50, 200, 1L), clock), 20))
                .isNotEqualTo(run(new SimulatedMarket(randomWalk(10, List.of(), 1.0, 50, 200, 2L), clock), 20));
    }

    @Test
    void aSymbolContinuesFromItsPriceBeforeARestartAndUnknownOrBadPricesChangeNothing() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(2, List.of("AAPL"), 1.0, 50, 200, 1L), clock);
        double itemBefore = priceOf(market.open(), "ITEM_00");

        market.continueFrom("AAPL", 1234.56);
        market.continueFrom("ITEM_00", Double.NaN);
        market.continueFrom("ITEM_00", -3);
        market.continueFrom("NOPE", 99);

        assertThat(priceOf(market.open(), "AAPL")).isEqualTo(1234.56);
        assertThat(priceOf(market.open(), "ITEM_00")).isEqualTo(itemBefore);
        assertThat(priceOf(market.tick(), "AAPL")).isCloseTo(1234.56, withPercentage(5));
    }

    private static double priceOf(List<RawQuote> quotes, String symbol) {
        return quotes.stream().filter(q -> q.symbol().equals(symbol)).findFirst().orElseThrow().price();
    }

    @Test
    void tickersAreNumberedItemsWithSystemENames() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(10, List.of(), 1.0, 50, 200, 1L), clock);

        List<Instrument> instruments = market.instruments();

        assertThat(instruments).extracting(Instrument::symbol).containsExactly(
                "ITEM_00", "ITEM_01", "ITEM_02", "ITEM_03", "ITEM_04",
                "ITEM_05", "ITEM_06", "ITEM_07", "ITEM_08", "ITEM_09");
        assertThat(instruments).extracting(Instrument::name).startsWith("Item 00", "Item 01").endsWith("Item 09");
        assertThat(instruments).allSatisfy(i -> {
            assertThat(i.currency()).isEqualTo("USD");
            assertThat(i.exchange()).isEqualTo("SIM");
        });
    }

    @Test
    void tickerIdsWidenPastNinetyNine() {
        assertThat(SimulatedMarket.tickerId(7)).isEqualTo("ITEM_07");
        assertThat(SimulatedMarket.tickerId(99)).isEqualTo("ITEM_99");
        assertThat(SimulatedMarket.tickerId(100)).isEqualTo("ITEM_100");
        assertThat(SimulatedMarket.tickerName(100)).isEqualTo("Item 100");
    }

    @Test
    void namedSymbolsAreNormalisedDedupedAndNamed() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(0, List.of("aapl", "AAPL", " msft", "zzzz"), 1.0,
                50, 200, 1L), clock);

        assertThat(market.instruments()).extracting(Instrument::symbol).containsExactly("AAPL", "MSFT", "ZZZZ");
        assertThat(market.instruments()).extracting(Instrument::name)
                .containsExactly("Apple Inc.", "Microsoft Corporation", "ZZZZ");
    }

    @Test
    void namedSymbolThatIsAlsoATickerIsSimulatedOnce() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(3, List.of("item_01", "AAPL"), 1.0, 50, 200, 1L),
                clock);

        assertThat(market.instruments()).extracting(Instrument::symbol)
                .containsExactly("ITEM_00", "ITEM_01", "ITEM_02", "AAPL");
        assertThat(market.tick()).extracting(RawQuote::symbol).doesNotHaveDuplicates();
    }

    @Test
    void wellKnownSymbolsOpenAtTheirReferencePrice() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(0, List.of("AAPL", "MSFT"), 1.0, 50, 200, 1L), clock);

        assertThat(market.open()).extracting(RawQuote::price).containsExactly(228.50, 415.20);
    }

    @Test
    void openDoesNotMovePrices() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(5, List.of(), 1.0, 50, 200, 1L), clock);

        assertThat(market.open()).extracting(RawQuote::price).isEqualTo(prices(market.open()));
    }

    @Test
    void initialTickerPricesAreWithinTheConfiguredRange() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(500, List.of(), 1.0, 50, 200, 9L), clock);

        assertThat(market.open()).extracting(RawQuote::price).allSatisfy(p -> assertThat(p).isBetween(50.0, 200.0));
    }

    @Test
    void equalMinAndMaxGiveThatInitialPrice() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(3, List.of(), 1.0, 42.42, 42.42, 9L), clock);

        assertThat(market.open()).extracting(RawQuote::price).containsOnly(42.42);
    }

    @Test
    void randomWalkMovesEachTickByAtMostTheChangeRange() {
        double range = 0.5;
        SimulatedMarket market = new SimulatedMarket(randomWalk(20, List.of(), range, 50, 200, 3L), clock);
        List<Double> previous = prices(market.open());
        boolean moved = false;

        for (int t = 0; t < 500; t++) {
            List<Double> current = prices(market.tick());
            for (int i = 0; i < current.size(); i++) {
                double change = Math.abs(current.get(i) - previous.get(i));
                assertThat(change).as("tick %d symbol %d", t, i).isLessThanOrEqualTo(range + 0.01 + 1e-9);
                moved |= change > 0;
            }
            previous = current;
        }
        assertThat(moved).isTrue();
    }

    @Test
    void pricesNeverFallBelowOneCentEvenWithAHugeChangeRange() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(10, List.of(), 1_000, 0.01, 1, 5L), clock);
        List<Double> all = new ArrayList<>();

        for (int t = 0; t < 2_000; t++) {
            all.addAll(prices(market.tick()));
        }

        assertThat(all).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(0.01));
        assertThat(all).as("the floor was reached, so it was tested").contains(0.01);
    }

    @Test
    void pricesBidsAndAsksAreWholeCents() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(20, List.of("AAPL"), 1.37, 0.01, 500, 8L), clock);

        for (int t = 0; t < 200; t++) {
            for (RawQuote quote : market.tick()) {
                assertWholeCents(quote.price());
                assertWholeCents(quote.bid());
                assertWholeCents(quote.ask());
            }
        }
    }

    @Test
    void bidIsAtOrBelowPriceAndAskAtOrAbove() {
        SimulatedMarket market = new SimulatedMarket(
                new SimulatorSettings(20, List.of("AAPL"), Duration.ofSeconds(1), 50, 0.01, 100,
                        PriceModel.RANDOM_WALK, 0.2, 0, 25, 11L), clock);

        for (int t = 0; t < 500; t++) {
            for (RawQuote quote : market.tick()) {
                assertThat(quote.bid()).isGreaterThanOrEqualTo(0.01).isLessThanOrEqualTo(quote.price());
                assertThat(quote.ask()).isGreaterThanOrEqualTo(quote.price());
                assertThat(quote.ask()).isGreaterThan(quote.bid());
            }
        }
    }

    @Test
    void spreadFollowsTheBasisPoints() {
        SimulatedMarket market = new SimulatedMarket(
                new SimulatorSettings(0, List.of("NFLX"), Duration.ofSeconds(1), 1, 50, 200,
                        PriceModel.RANDOM_WALK, 0.2, 0, 20, 1L), clock);

        RawQuote quote = market.open().getFirst();

        // 701.10 * 20 bp / 2 = 0.7011 each side
        assertThat(quote.bid()).isEqualTo(700.40);
        assertThat(quote.ask()).isEqualTo(701.80);
    }

    @Test
    void volumeIsAPositiveRoundLot() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(10, List.of(), 1, 50, 200, 1L), clock);

        assertThat(market.tick()).allSatisfy(q -> {
            assertThat(q.volume()).isBetween(100.0, 10_000.0);
            assertThat(q.volume() % 100).isZero();
        });
    }

    @Test
    void quotesCarryTheClockInstantAndTheSimulatorProvider() {
        SimulatedMarket market = new SimulatedMarket(randomWalk(3, List.of("AAPL"), 1, 50, 200, 1L), clock);
        clock.set(Instant.parse("2025-03-03T15:00:00Z"));
        List<RawQuote> first = market.tick();
        clock.advance(Duration.ofSeconds(1));
        List<RawQuote> second = market.tick();

        assertThat(first).extracting(RawQuote::providerTime).containsOnly(Instant.parse("2025-03-03T15:00:00Z"));
        assertThat(second).extracting(RawQuote::providerTime).containsOnly(Instant.parse("2025-03-03T15:00:01Z"));
        assertThat(first).extracting(RawQuote::provider).containsOnly(SimulatedMarket.PROVIDER);
        assertThat(first).extracting(RawQuote::symbol).containsExactly("ITEM_00", "ITEM_01", "ITEM_02", "AAPL");
    }

    @Test
    void gbmWithoutVolatilityOrDriftKeepsPricesConstant() {
        SimulatedMarket market = new SimulatedMarket(gbm(5, List.of("AAPL"), Duration.ofSeconds(1), 0, 0, 4L), clock);
        List<Double> opening = prices(market.open());

        for (int t = 0; t < 1_000; t++) {
            assertThat(prices(market.tick())).isEqualTo(opening);
        }
    }

    @Test
    void gbmLogReturnsHaveTheConfiguredVolatility() {
        double sigma = 0.3;
        Duration oneTradingDay = Duration.ofMinutes(390);
        double expectedStdDev = sigma * Math.sqrt(1 / 252.0);
        SimulatedMarket market = new SimulatedMarket(gbm(0, List.of("AAPL", "MSFT", "NFLX", "META"), oneTradingDay,
                sigma, 0, 17L), clock);
        List<Double> previous = prices(market.open());
        List<Double> logReturns = new ArrayList<>();

        for (int t = 0; t < 2_500; t++) {
            List<Double> current = prices(market.tick());
            for (int i = 0; i < current.size(); i++) {
                logReturns.add(Math.log(current.get(i) / previous.get(i)));
            }
            previous = current;
        }

        double mean = logReturns.stream().mapToDouble(d -> d).average().orElseThrow();
        double variance = logReturns.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (logReturns.size() - 1);
        assertThat(Math.sqrt(variance)).isCloseTo(expectedStdDev, within(expectedStdDev * 0.15));
        assertThat(mean).isCloseTo(-sigma * sigma / 2 / 252, within(expectedStdDev * 0.1));
    }

    @Test
    void gbmDriftMovesPricesTheExpectedWay() {
        Duration oneTradingDay = Duration.ofMinutes(390);
        SimulatedMarket market = new SimulatedMarket(gbm(0, List.of("AAPL"), oneTradingDay, 0, 0.252, 1L), clock);
        double open = market.open().getFirst().price();

        double afterOneDay = market.tick().getFirst().price();
        for (int t = 1; t < 252; t++) {
            market.tick();
        }
        double afterOneYear = market.open().getFirst().price();

        assertThat(afterOneDay).isCloseTo(open * Math.exp(0.001), within(0.01));
        assertThat(afterOneYear).isCloseTo(open * Math.exp(0.252), within(0.01));
    }

    @Test
    void roundToTickRoundsToTheNearestCentAndNeverBelowOne() {
        assertThat(SimulatedMarket.roundToTick(1.005_1)).isEqualTo(1.01);
        assertThat(SimulatedMarket.roundToTick(1.004_9)).isEqualTo(1.00);
        assertThat(SimulatedMarket.roundToTick(1.13)).isEqualTo(1.13);
        assertThat(SimulatedMarket.roundToTick(0.001)).isEqualTo(0.01);
        assertThat(SimulatedMarket.roundToTick(-5)).isEqualTo(0.01);
    }

    private static void assertWholeCents(double value) {
        assertThat(BigDecimal.valueOf(value).stripTrailingZeros().scale())
                .as("%s printed as %s", value, Double.toString(value))
                .isLessThanOrEqualTo(2);
    }

    private static List<List<RawQuote>> run(SimulatedMarket market, int ticks) {
        List<List<RawQuote>> out = new ArrayList<>();
        out.add(market.open());
        for (int t = 0; t < ticks; t++) {
            out.add(market.tick());
        }
        return out;
    }

    private static List<Double> prices(List<RawQuote> quotes) {
        return quotes.stream().map(RawQuote::price).toList();
    }

    static SimulatorSettings randomWalk(int tickers, List<String> symbols, double changeRange, double min, double max,
            Long seed) {
        return new SimulatorSettings(tickers, symbols, Duration.ofSeconds(1), changeRange, min, max,
                PriceModel.RANDOM_WALK, 0.2, 0, 5, seed);
    }

    static SimulatorSettings gbm(int tickers, List<String> symbols, Duration interval, double volatility, double drift,
            Long seed) {
        return new SimulatorSettings(tickers, symbols, interval, 1, 50, 200, PriceModel.GBM, volatility, drift, 5, seed);
    }

    @org.junit.jupiter.api.Test
    void tickerIdsUseAsciiDigitsWhateverTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            org.assertj.core.api.Assertions.assertThat(SimulatedMarket.tickerId(7)).isEqualTo("ITEM_07");
            org.assertj.core.api.Assertions.assertThat(SimulatedMarket.tickerName(7)).isEqualTo("Item 07");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
