package io.tickhub.core.book;

import io.tickhub.core.market.TradingDay;
import io.tickhub.core.quote.Quote;

/**
 * The two ends of a symbol's life in the book: its first accepted quote (initial price) and its
 * latest, with its current trading day (previous close, day range). Immutable.
 */
public record FirstAndLatest(Quote first, Quote latest, TradingDay day) {

    /** The price {@code change} is measured from: the previous close, else the first price. */
    public double reference() {
        return day.reference(first.price());
    }
}
