package io.tickhub.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Counters of one event loop (all its connections). Written only by that loop's thread; the main
 * thread reads them through a task run on the loop (see {@link LoadGenerator}), or merges copies.
 */
final class LoopStats {
  /** Highest latency recorded: 1 hour in µs; larger values are clamped. */
  static final long HIGHEST_US = 3_600_000_000L;

  final Histogram latencyUs = new Histogram(HIGHEST_US, 3);
  final SeqStats seq = new SeqStats();
  /** Price updates per second of the window (index = second since window start). */
  final long[] perSecond;

  long frames;
  /** Non-snapshot price updates, whole run. */
  long deliveredTotal;
  /** Non-snapshot price updates received inside the window. */
  long deliveredWindow;
  long snapshots;
  long other;
  long unparsed;
  /** Updates for a symbol the connection did not subscribe to. */
  long foreign;
  /** Window updates whose ts was later than the receive time (recorded as 0). */
  long negativeLatency;
  /** Window updates whose ts was not a positive epoch value (no latency sample). */
  long badTs;

  final FrameScanner scanner = new FrameScanner();
  private byte[] scratch = new byte[4096];

  LoopStats(int windowSeconds) {
    perSecond = new long[Math.max(0, windowSeconds)];
  }

  /** A reusable buffer of at least {@code n} bytes for copying a frame's payload. */
  byte[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    return scratch;
  }

  /** Adds {@code o} into this (for the final report; not used on the hot path). */
  void add(LoopStats o) {
    latencyUs.add(o.latencyUs);
    seq.add(o.seq);
    for (int i = 0; i < Math.min(perSecond.length, o.perSecond.length); i++) {
      perSecond[i] += o.perSecond[i];
    }
    frames += o.frames;
    deliveredTotal += o.deliveredTotal;
    deliveredWindow += o.deliveredWindow;
    snapshots += o.snapshots;
    other += o.other;
    unparsed += o.unparsed;
    foreign += o.foreign;
    negativeLatency += o.negativeLatency;
    badTs += o.badTs;
  }
}
