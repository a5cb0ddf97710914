package io.tickhub.core.sim;

import io.tickhub.core.market.ExchangeCalendar;
import io.tickhub.core.market.MarketState;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.quote.Symbols;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A market of simulated symbols whose prices move on every {@link #tick}. Deterministic for a
 * given seed and clock. Not thread-safe: one scheduler thread drives it.
 *
 * <p>The model keeps an unrounded fair value per symbol and publishes it rounded to the cent,
 * so small GBM moves accumulate instead of being rounded away on every tick.
 *
 * <p>With {@link SimulatorSettings#followSessions()} it moves only while the exchange is open
 * ({@link ExchangeCalendar#NYSE}): a tick while it is closed moves nothing and returns no quotes.
 */
public final class SimulatedMarket {

    /** Provider name under which simulated quotes are published. */
    public static final String PROVIDER = "simulator";

    static final double TICK_SIZE = 0.01;
    private static final double TICKS_PER_UNIT = 100.0;
    /** GBM time step is measured in trading years: 252 sessions of 6.5 hours. */
    private static final double SECONDS_PER_TRADING_YEAR = 252 * 6.5 * 3600;
    /** Volume outside the regular session, as a share of the regular session's. */
    private static final double EXTENDED_HOURS_VOLUME = 0.1;

    private final SimulatorSettings settings;
    private final Clock clock;
    private final SplittableRandom random;
    private final List<Instrument> instruments;
    private final double[] fairValues;
    private final double dtYears;

    public SimulatedMarket(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.random = settings.seed() == null ? new SplittableRandom() : new SplittableRandom(settings.seed());
        this.instruments = buildInstruments(settings);
        this.fairValues = new double[instruments.size()];
        for (int i = 0; i < fairValues.length; i++) {
            fairValues[i] = initialPrice(instruments.get(i).symbol());
        }
        this.dtYears = settings.interval().toNanos() / 1e9 / SECONDS_PER_TRADING_YEAR;
    }

    /** System E's ticker ids: {@code ITEM_00}, {@code ITEM_01}, ... ({@code ITEM_100} past 99). */
    public static String tickerId(int index) {
        return String.format(Locale.ROOT, "ITEM_%02d", index);
    }

    /** System E's ticker names: {@code Item 00}, {@code Item 01}, ... */
    public static String tickerName(int index) {
        return String.format(Locale.ROOT, "Item %02d", index);
    }

    public List<Instrument> instruments() {
        return instruments;
    }

    /**
     * Continues a symbol from a price it had before, the hub's last stored quote, so that after a
     * restart it moves on from there instead of jumping back to its opening price. A symbol this
     * market does not have, or a price that is not positive, changes nothing.
     */
    public void continueFrom(String symbol, double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return;
        }
        for (int i = 0; i < instruments.size(); i++) {
            if (instruments.get(i).symbol().equals(symbol)) {
                fairValues[i] = Math.max(TICK_SIZE, price);
            }
        }
    }

    /** The current quote of every symbol, without moving prices: what the market opens with. */
    public List<RawQuote> open() {
        return quotes();
    }

    /** Moves every price one step and returns the new quote of every symbol. */
    public List<RawQuote> tick() {
        return tick(0, fairValues.length);
    }

    /** Moves the prices of symbols {@code from} (inclusive) to {@code to} (exclusive) one step; returns their quotes. */
    public List<RawQuote> tick(int from, int to) {
        if (from < 0 || to > fairValues.length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + fairValues.length);
        }
        MarketState state = settings.followSessions() ? ExchangeCalendar.NYSE.stateAt(clock.instant()) : MarketState.REGULAR;
        if (state == MarketState.CLOSED) {
            return List.of();
        }
        for (int i = from; i < to; i++) {
            fairValues[i] = Math.max(TICK_SIZE, next(fairValues[i]));
        }
        return quotes(from, to, state == MarketState.REGULAR ? 1 : EXTENDED_HOURS_VOLUME);
    }

    /** How many symbols this market moves. */
    public int size() {
        return fairValues.length;
    }

    private double next(double price) {
        return switch (settings.model()) {
            case RANDOM_WALK -> price + uniform(-settings.changeRange(), settings.changeRange());
            case GBM -> {
                double sigma = settings.volatility();
                double exponent = (settings.drift() - sigma * sigma / 2) * dtYears
                        + sigma * Math.sqrt(dtYears) * random.nextGaussian();
                yield price * Math.exp(exponent);
            }
        };
    }

    private List<RawQuote> quotes() {
        return quotes(0, fairValues.length, 1);
    }

    private List<RawQuote> quotes(int from, int to, double volumeScale) {
        var now = clock.instant();
        List<RawQuote> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            double price = roundToTick(fairValues[i]);
            double halfSpread = Math.max(TICK_SIZE, price * settings.spreadBps() / 20_000);
            double bid = Math.max(TICK_SIZE, roundToTick(price - halfSpread));
            double ask = roundToTick(price + halfSpread);
            // Round lots: 100 to 10,000 shares an update in the regular session, a tenth outside it.
            double volume = Math.max(1, Math.round(100.0 * (1 + random.nextInt(100)) * volumeScale));
            out.add(new RawQuote(instruments.get(i).symbol(), price, bid, ask, volume, PROVIDER, now));
        }
        return out;
    }

    private double initialPrice(String symbol) {
        WellKnownSymbols.Reference reference = WellKnownSymbols.find(symbol);
        if (reference != null) {
            return reference.price();
        }
        return roundToTick(uniform(settings.initialPriceMin(), settings.initialPriceMax()));
    }

    private double uniform(double min, double max) {
        return max > min ? min + random.nextDouble() * (max - min) : min;
    }

    /** Rounds to the cent by dividing (not multiplying by 0.01), so 227.45 does not print as 227.45000000000002. */
    static double roundToTick(double price) {
        return Math.max(TICK_SIZE, Math.round(price * TICKS_PER_UNIT) / TICKS_PER_UNIT);
    }

    private static List<Instrument> buildInstruments(SimulatorSettings settings) {
        List<Instrument> out = new ArrayList<>();
        for (int i = 0; i < settings.tickerCount(); i++) {
            out.add(new Instrument(tickerId(i), tickerName(i), "USD", "SIM"));
        }
        LinkedHashSet<String> named = new LinkedHashSet<>();
        for (String raw : settings.symbols()) {
            named.add(Symbols.normalize(raw));
        }
        // A named symbol that is also one of the ITEM tickers is simulated once, not by two random walks.
        out.forEach(item -> named.remove(item.symbol()));
        for (String symbol : named) {
            WellKnownSymbols.Reference reference = WellKnownSymbols.find(symbol);
            out.add(new Instrument(symbol, reference == null ? symbol : reference.name(), "USD", "SIM"));
        }
        return List.copyOf(out);
    }
}
