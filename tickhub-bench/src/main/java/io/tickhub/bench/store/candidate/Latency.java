package io.tickhub.bench.store.candidate;

import java.util.Arrays;

/** Timings of one kind of query, in nanoseconds: the median and the 99th percentile of the timed calls. */
public record Latency(int calls, long p50Nanos, long p99Nanos) {

  static Latency of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latency(sorted.length, at(sorted, 0.50), at(sorted, 0.99));
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }
}
