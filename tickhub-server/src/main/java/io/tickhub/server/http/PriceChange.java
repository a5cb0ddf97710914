package io.tickhub.server.http;

import io.tickhub.core.quote.Quote;

/**
 * Change of the latest price against the symbol's reference price, which is the first price
 * the hub accepted for it since start (the session open of a simulated or polled symbol).
 *
 * @param change        latest minus reference
 * @param changePercent change as a percentage of the reference
 */
public record PriceChange(double change, double changePercent) {

    public static PriceChange between(Quote reference, Quote latest) {
        double change = latest.price() - reference.price();
        return new PriceChange(round(change), round(change / reference.price() * 100));
    }

    /** Six decimals: enough for FX and crypto, and no binary-float noise like 1.2300000000000182. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /** System E rounds prices to cents. */
    public static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
