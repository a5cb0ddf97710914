package io.tickhub.bench.load;

/**
 * The measurement window [start, end) in epoch µs, set by the main thread once all connections are
 * settled and read by the event loops for every frame. Closed (empty) until {@link #open} is called.
 */
final class MeasureWindow {
  private volatile long startUs = Long.MAX_VALUE;
  private volatile long endUs = Long.MAX_VALUE;

  MeasureWindow() {}

  MeasureWindow(long startUs, long endUs) {
    open(startUs, endUs);
  }

  void open(long start, long end) {
    endUs = end; // written first: a reader that sees the new start also sees the new end
    startUs = start;
  }

  long startUs() {
    return startUs;
  }

  long endUs() {
    return endUs;
  }

  boolean contains(long nowUs) {
    return nowUs >= startUs && nowUs < endUs;
  }
}
