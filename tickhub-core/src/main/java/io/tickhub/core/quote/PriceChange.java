package io.tickhub.core.quote;

/**
 * Change of a price against the symbol's reference price: the close of its previous trading session
 * ({@code io.tickhub.core.market.TradingDay}), or the first price the hub accepted for it while it has
 * seen no previous session. One definition for REST and every stream format.
 *
 * @param change        price minus reference, rounded to six decimals
 * @param changePercent change as a percentage of the reference (0 when there is no usable reference)
 */
public record PriceChange(double change, double changePercent) {

    public static PriceChange between(Quote reference, Quote latest) {
        return between(reference.price(), latest.price());
    }

    public static PriceChange between(double reference, double price) {
        double change = price - reference;
        return new PriceChange(round6(change), reference > 0 ? round6(change / reference * 100) : 0);
    }

    /** Six decimals: enough for FX and crypto, and no binary-float noise like 1.2300000000000182. */
    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /** System E rounds prices to cents. */
    public static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
