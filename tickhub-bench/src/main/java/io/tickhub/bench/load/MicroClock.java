package io.tickhub.bench.load;

import java.time.Instant;

/** Epoch microseconds. */
@FunctionalInterface
interface MicroClock {
  long nowMicros();

  /**
   * Wall-clock epoch µs with monotonic resolution: {@code System.nanoTime()} plus an offset to the
   * epoch measured once from {@link Instant#now()} (µs precision on Linux). The calibration keeps the
   * sample with the tightest nanoTime bracket, so the offset is good to about a microsecond, like the
   * Node harness's {@code performance.timeOrigin + performance.now()}.
   */
  static MicroClock calibrated() {
    long bestWidth = Long.MAX_VALUE;
    long offset = 0;
    for (int i = 0; i < 200; i++) {
      long n0 = System.nanoTime();
      Instant t = Instant.now();
      long n1 = System.nanoTime();
      long w = n1 - n0;
      if (w < bestWidth) {
        bestWidth = w;
        long epochNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        offset = epochNanos - (n0 + w / 2);
      }
    }
    final long off = offset;
    return () -> (System.nanoTime() + off) / 1000;
  }
}
