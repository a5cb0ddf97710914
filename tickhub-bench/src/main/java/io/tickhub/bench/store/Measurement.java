package io.tickhub.bench.store;

/**
 * One timed load of the ticks into a fresh database.
 *
 * @param store    the store measured
 * @param path     how the rows went in: the store writer, or the store's raw bulk load
 * @param writer   true for the store writer, false for the raw ceiling
 * @param run      1 for the first (warm-up-ish) run, 2... after it
 * @param ticks    rows offered
 * @param stored   rows in {@code price_points} afterwards (counted, not taken from the writer), -1 if unknown
 * @param nanos    from the first offer until the last row was committed (or the measurement gave up)
 * @param overflow rows the writer refused because its queue was full (0 for raw loads)
 * @param error    why the measurement failed, or null
 */
public record Measurement(StoreKind store, String path, boolean writer, int run, int ticks, long stored,
                          long nanos, long overflow, String error) {

  /** Every tick is in the table, none overflowed, nothing failed. */
  public boolean complete() {
    return error == null && stored == ticks && overflow == 0;
  }

  public double seconds() {
    return nanos / 1e9;
  }

  /** Rows stored per second (of those that made it, when incomplete). */
  public double rowsPerSecond() {
    return nanos <= 0 || stored <= 0 ? 0 : stored * 1e9 / nanos;
  }
}
