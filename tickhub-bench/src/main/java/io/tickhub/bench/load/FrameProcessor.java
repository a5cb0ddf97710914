package io.tickhub.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Turns the frames of one connection into counters: latency samples and per-second counts inside the
 * window, snapshots, other frames, and sequence accounting. Pure logic, independent of Netty and of
 * the clock (the receive time is passed in), so it can be tested directly.
 */
final class FrameProcessor implements FrameScanner.Sink {
  private final SymbolTable table;
  private final SeqTracker tracker;
  private final LoopStats stats;
  private final MeasureWindow window;

  private long nowUs;
  private boolean inWindow;

  FrameProcessor(SymbolTable table, int[] symbolIds, LoopStats stats, MeasureWindow window) {
    this.table = table;
    this.tracker = new SeqTracker(symbolIds);
    this.stats = stats;
    this.window = window;
  }

  SeqTracker tracker() {
    return tracker;
  }

  /** One WebSocket message received at {@code nowUs} (epoch µs). */
  void onFrame(byte[] b, int off, int len, long nowUs) {
    this.nowUs = nowUs;
    this.inWindow = window.contains(nowUs);
    stats.frames++;
    stats.scanner.scan(b, off, len, this);
  }

  /** Normalises a ts to epoch µs: ms (&lt; 1e14), µs (&lt; 1e17) or ns; 0 when not a positive value. */
  static long toMicros(long ts) {
    if (ts <= 0) {
      return 0;
    }
    if (ts < 100_000_000_000_000L) {
      return ts * 1000;
    }
    if (ts < 100_000_000_000_000_000L) {
      return ts;
    }
    return ts / 1000;
  }

  @Override
  public void update(byte[] b, int symOff, int symLen, long seq, long ts, long conflated) {
    stats.deliveredTotal++;
    int slot = tracker.slot(table.id(b, symOff, symLen));
    if (slot >= 0) {
      tracker.update(slot, seq, conflated, inWindow, stats.seq);
    } else {
      stats.foreign++;
      SeqTracker.update(tracker.foreignCell(symbol(b, symOff, symLen)), 0, seq, conflated, inWindow, stats.seq);
    }
    if (!inWindow) {
      return;
    }
    stats.deliveredWindow++;
    long sec = (nowUs - window.startUs()) / 1_000_000L;
    if (sec >= 0 && sec < stats.perSecond.length) {
      stats.perSecond[(int) sec]++;
    }
    long tsUs = toMicros(ts);
    if (tsUs == 0) {
      stats.badTs++;
      return;
    }
    long lat = nowUs - tsUs;
    if (lat < 0) {
      stats.negativeLatency++;
      lat = 0;
    }
    stats.latencyUs.recordValue(Math.min(lat, LoopStats.HIGHEST_US));
  }

  @Override
  public void snapshot(byte[] b, int symOff, int symLen, long seq) {
    stats.snapshots++;
    if (symLen < 0) {
      return;
    }
    int slot = tracker.slot(table.id(b, symOff, symLen));
    if (slot >= 0) {
      tracker.snapshot(slot, seq);
    } else {
      SeqTracker.snapshot(tracker.foreignCell(symbol(b, symOff, symLen)), 0, seq);
    }
  }

  @Override
  public void other() {
    stats.other++;
  }

  @Override
  public void malformed() {
    stats.unparsed++;
  }

  private static String symbol(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }
}
