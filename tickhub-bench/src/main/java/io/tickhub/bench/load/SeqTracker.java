package io.tickhub.bench.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-connection, per-symbol sequence tracking (gaps, duplicates/out-of-order, conflation).
 *
 * <p>Rules, per symbol on one connection:
 * <ul>
 *   <li>a snapshot sets the baseline to its seq (it is a re-sync point: no gap or duplicate is counted
 *       for it);</li>
 *   <li>the first update without a baseline becomes the baseline;</li>
 *   <li>an update with {@code seq > last}: {@code seq - last - 1 - conflated} missing seqs (if positive)
 *       are gaps; the baseline moves to seq;</li>
 *   <li>an update with {@code seq <= last}: one duplicate/out-of-order; the baseline stays;</li>
 *   <li>{@code conflated:n} adds n to the conflated count, never to the gaps.</li>
 * </ul>
 * Not thread-safe: used by the connection's event-loop thread only.
 */
final class SeqTracker {
  static final long NONE = FrameScanner.NONE;

  private final int[] ids;
  private final long[] last;
  private Map<String, long[]> foreign;

  /** @param symbolIds the global ids of the connection's subscribed symbols */
  SeqTracker(int[] symbolIds) {
    ids = symbolIds.clone();
    Arrays.sort(ids);
    last = new long[ids.length];
    Arrays.fill(last, NONE);
  }

  /** Slot of a global symbol id in this connection's subscription, or a negative number. */
  int slot(int symbolId) {
    return symbolId < 0 ? -1 : Arrays.binarySearch(ids, symbolId);
  }

  /** Baseline cell for a symbol this connection did not subscribe to (allocates; rare). */
  long[] foreignCell(String symbol) {
    if (foreign == null) {
      foreign = new HashMap<>();
    }
    return foreign.computeIfAbsent(symbol, s -> new long[] {NONE});
  }

  long last(int slot) {
    return last[slot];
  }

  void snapshot(int slot, long seq) {
    snapshot(last, slot, seq);
  }

  void update(int slot, long seq, long conflated, boolean inWindow, SeqStats s) {
    update(last, slot, seq, conflated, inWindow, s);
  }

  static void snapshot(long[] cells, int i, long seq) {
    if (seq != NONE) {
      cells[i] = seq;
    }
  }

  static void update(long[] cells, int i, long seq, long conflated, boolean inWindow, SeqStats s) {
    if (conflated > 0) {
      s.conflatedTotal += conflated;
      if (inWindow) {
        s.conflatedWindow += conflated;
      }
    }
    if (seq == NONE) {
      return;
    }
    long l = cells[i];
    if (l == NONE) {
      cells[i] = seq;
      return;
    }
    if (seq > l) {
      long missing = seq - l - 1 - Math.max(0, conflated);
      if (missing > 0) {
        s.gapsTotal += missing;
        if (inWindow) {
          s.gapsWindow += missing;
        }
      }
      cells[i] = seq;
    } else {
      s.dupsTotal++;
      if (inWindow) {
        s.dupsWindow++;
      }
    }
  }
}
