package io.tickhub.core.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the {@link StoreWriter} batches and retries.
 *
 * @param capacity        rows that may wait for the database; past it new rows are counted as overflow
 * @param batchSize       most rows per transaction
 * @param retryInitial    first wait after a failed write; doubled (with jitter) up to {@code retryMax}
 * @param retryMax        longest wait between attempts
 * @param shutdownTimeout how long closing keeps trying to write what is queued before counting it lost
 * @param averageWindows  windows of the moving averages kept per symbol (system B's was 5)
 */
public record StoreWriterSettings(int capacity, int batchSize, Duration retryInitial, Duration retryMax,
                                  Duration shutdownTimeout, int[] averageWindows) {

    public StoreWriterSettings {
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be >= 1, was " + batchSize);
        }
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retry waits must be > 0 with max >= initial, were "
                    + retryInitial + " and " + retryMax);
        }
        averageWindows = averageWindows.clone();
        for (int window : averageWindows) {
            if (window < 2 || window > 10_000) {
                throw new IllegalArgumentException("average windows must be in 2..10000, was " + window);
            }
        }
    }

    public static StoreWriterSettings defaults() {
        return new StoreWriterSettings(262_144, 10_000, Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(10), new int[] {5});
    }

    @Override
    public int[] averageWindows() {
        return averageWindows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreWriterSettings s && capacity == s.capacity && batchSize == s.batchSize
                && retryInitial.equals(s.retryInitial) && retryMax.equals(s.retryMax)
                && shutdownTimeout.equals(s.shutdownTimeout) && Arrays.equals(averageWindows, s.averageWindows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, batchSize, retryInitial, retryMax, shutdownTimeout, Arrays.hashCode(averageWindows));
    }

    @Override
    public String toString() {
        return "StoreWriterSettings[capacity=" + capacity + ", batchSize=" + batchSize + ", retry=" + retryInitial
                + ".." + retryMax + ", shutdownTimeout=" + shutdownTimeout + ", averageWindows="
                + Arrays.toString(averageWindows) + "]";
    }
}
