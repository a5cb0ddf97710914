package io.tickhub.core.market;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One symbol's current trading day as its prices made it: the previous session's close that
 * {@code change} is measured from, and the day's open, high, low and volume. Immutable; the
 * symbol's writer replaces it with {@link #with} on every price.
 *
 * @param day           the trading day ({@link ExchangeCalendar#tradingDayOf}) of the latest price
 * @param previousClose the close of the trading day before, {@code NaN} while the hub has not seen one
 * @param open          the day's first price
 * @param high          the day's highest price (pre, regular and post sessions)
 * @param low           the day's lowest price
 * @param volume        the day's volume, the sum of its updates' volumes
 * @param close         the day's last price at or before its regular close; {@code NaN} until there is one
 * @param last          the day's last price (the close of a day that saw only post-market prices)
 */
public record TradingDay(LocalDate day, double previousClose, double open, double high, double low, double volume,
                         double close, double last) {

    /** The trading day of a symbol's first price. */
    public static TradingDay first(ExchangeCalendar calendar, Instant time, double price, double volume) {
        return opening(calendar, time, price, volume, Double.NaN);
    }

    /**
     * The day after a price made at {@code time}: the same day updated, or a new day whose previous
     * close is this day's close. A price of an earlier day (a late delivery) changes nothing.
     */
    public TradingDay with(ExchangeCalendar calendar, Instant time, double price, double volume) {
        LocalDate of = calendar.tradingDayOf(time);
        int order = of.compareTo(day);
        if (order < 0) {
            return this;
        }
        if (order > 0) {
            return opening(calendar, time, price, volume, closeOrLast());
        }
        double closeNow = time.isAfter(calendar.regularClose(day)) ? close : price;
        return new TradingDay(day, previousClose, open, Math.max(high, price), Math.min(low, price),
                volume + this.volume, closeNow, price);
    }

    /** This day with a previous close read from the store, when it has none yet. */
    public TradingDay withPreviousClose(double price) {
        return hasPreviousClose() || !(price > 0) ? this
                : new TradingDay(day, price, open, high, low, volume, close, last);
    }

    public boolean hasPreviousClose() {
        return !Double.isNaN(previousClose);
    }

    /** The price {@code change} is measured from: the previous close, else {@code fallback} (the first price). */
    public double reference(double fallback) {
        return hasPreviousClose() ? previousClose : fallback;
    }

    private double closeOrLast() {
        return Double.isNaN(close) ? last : close;
    }

    private static TradingDay opening(ExchangeCalendar calendar, Instant time, double price, double volume,
                                      double previousClose) {
        LocalDate day = calendar.tradingDayOf(time);
        double close = time.isAfter(calendar.regularClose(day)) ? Double.NaN : price;
        return new TradingDay(day, previousClose, price, price, price, volume, close, price);
    }
}
