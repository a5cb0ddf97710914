package io.tickhub.core.store;

/** A symbol's latest prices, up to the largest average window. Confined to the store writer's thread. */
final class PriceWindow {

    final String symbol;
    private final double[] prices;
    private int count;
    private int next;
    long lastSeq;

    PriceWindow(String symbol, int size) {
        this.symbol = symbol;
        prices = new double[size];
    }

    void add(double price, long seq) {
        prices[next] = price;
        next = (next + 1) % prices.length;
        count = Math.min(count + 1, prices.length);
        lastSeq = seq;
    }

    /** Mean of the latest {@code window} prices, or NaN when fewer have been seen. */
    double mean(int window) {
        if (count < window) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 1; i <= window; i++) {
            sum += prices[Math.floorMod(next - i, prices.length)];
        }
        return sum / window;
    }
}
