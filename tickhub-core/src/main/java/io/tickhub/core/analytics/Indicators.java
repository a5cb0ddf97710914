package io.tickhub.core.analytics;

/**
 * Moving averages over a series of observations, oldest first. Plain loops over arrays: the
 * series come from the book's ring or the store, at most a few thousand points.
 */
public final class Indicators {

    private Indicators() {
    }

    /** Simple moving average of the last {@code window} values; NaN when there are fewer. */
    public static double sma(double[] values, int window) {
        requireWindow(window);
        if (values.length < window) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = values.length - window; i < values.length; i++) {
            sum += values[i];
        }
        return sum / window;
    }

    /**
     * Exponential moving average with smoothing {@code 2 / (window + 1)}, seeded with the simple
     * average of the first {@code window} values (the usual convention: the first EMA value is an
     * SMA); NaN when there are fewer than {@code window} values.
     */
    public static double ema(double[] values, int window) {
        requireWindow(window);
        if (values.length < window) {
            return Double.NaN;
        }
        double alpha = 2.0 / (window + 1);
        double ema = 0;
        for (int i = 0; i < window; i++) {
            ema += values[i];
        }
        ema /= window;
        for (int i = window; i < values.length; i++) {
            ema += alpha * (values[i] - ema);
        }
        return ema;
    }

    /**
     * Volume-weighted average price of the last {@code window} observations: sum(price × volume)
     * / sum(volume). NaN when there are fewer observations or no volume in the window.
     */
    public static double vwap(double[] prices, double[] volumes, int window) {
        requireWindow(window);
        if (prices.length != volumes.length) {
            throw new IllegalArgumentException("prices and volumes differ in length");
        }
        if (prices.length < window) {
            return Double.NaN;
        }
        double notional = 0;
        double volume = 0;
        for (int i = prices.length - window; i < prices.length; i++) {
            notional += prices[i] * volumes[i];
            volume += volumes[i];
        }
        return volume > 0 ? notional / volume : Double.NaN;
    }

    private static void requireWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
    }
}
