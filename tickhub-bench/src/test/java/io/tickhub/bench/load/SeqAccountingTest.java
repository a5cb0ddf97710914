package io.tickhub.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gap, duplicate and conflation accounting; times are given explicitly, never read from a clock. */
class SeqAccountingTest {

  @Test
  void trackerRules() {
    SeqTracker t = new SeqTracker(new int[] {7, 3});
    SeqStats s = new SeqStats();
    int a = t.slot(3);
    t.snapshot(a, 10);                   // baseline from the snapshot
    t.update(a, 11, 0, true, s);         // in order
    t.update(a, 14, 0, true, s);         // 12, 13 missing
    t.update(a, 20, 5, true, s);         // 15..19 skipped on purpose: conflated, no gap
    t.update(a, 20, 0, true, s);         // duplicate
    t.update(a, 18, 0, false, s);        // out of order, outside the window
    t.update(a, 25, 2, false, s);        // 21..24: 2 conflated, 2 missing, outside the window
    assertEquals(2, s.gapsWindow);
    assertEquals(4, s.gapsTotal);
    assertEquals(1, s.dupsWindow);
    assertEquals(2, s.dupsTotal);
    assertEquals(5, s.conflatedWindow);
    assertEquals(7, s.conflatedTotal);
    assertEquals(25, t.last(a));
    assertEquals(-1, t.slot(-1));
    assertEquals(true, t.slot(5) < 0);

    int b = t.slot(7);                   // no snapshot: the first update is the baseline
    t.update(b, 100, 0, true, s);
    t.update(b, 101, 0, true, s);
    assertEquals(2, s.gapsWindow);
    t.snapshot(b, 90);                   // a snapshot re-syncs without counting anything
    t.update(b, 91, 0, true, s);
    assertEquals(2, s.gapsWindow);
    assertEquals(1, s.dupsWindow);
  }

  @Test
  void processorCountsWindowLatencyAndGaps() {
    SymbolTable table = new SymbolTable(List.of("S0000", "S0001", "S0002"));
    long start = 1_700_000_000_000_000L;
    MeasureWindow window = new MeasureWindow(start, start + 2_000_000L);
    LoopStats st = new LoopStats(2);
    FrameProcessor p = new FrameProcessor(table, new int[] {0, 1}, st, window);

    feed(p, "{\"type\":\"snapshot\",\"data\":[{\"symbol\":\"S0000\",\"seq\":0,\"ts\":1},{\"symbol\":\"S0001\",\"seq\":5,\"ts\":1}]}",
        start - 500_000);
    feed(p, "{\"symbol\":\"S0000\",\"seq\":1,\"ts\":" + (start - 100_500) + "}", start - 100_000); // warm-up
    feed(p, "{\"type\":\"connection\",\"status\":\"connected\"}", start - 90_000);
    // in the window: 2 ms latency (µs ts), 1 ms (ms ts), a gap of 2 on S0001, a foreign symbol
    feed(p, "{\"symbol\":\"S0000\",\"seq\":2,\"ts\":" + (start + 1_000) + "}", start + 3_000);
    feed(p, "[{\"type\":\"price_update\",\"symbol\":\"S0001\",\"seq\":8,\"ts\":" + (start / 1000 + 1_000) + "}]",
        start + 1_001_000);
    feed(p, "{\"type\":\"price_update\",\"symbol\":\"S0002\",\"seq\":1,\"ts\":" + (start + 1_500_000) + "}",
        start + 1_500_100);
    feed(p, "{\"symbol\":\"S0000\",\"seq\":3,\"ts\":" + (start + 10) + "}", start + 2_000_000); // window closed

    assertEquals(5, st.deliveredTotal);
    assertEquals(3, st.deliveredWindow);
    assertEquals(2, st.snapshots);
    assertEquals(1, st.other);
    assertEquals(1, st.foreign);
    assertEquals(2, st.seq.gapsWindow);
    assertEquals(2, st.seq.gapsTotal);
    assertEquals(0, st.seq.dupsTotal);
    assertEquals(1, st.perSecond[0]);
    assertEquals(2, st.perSecond[1]);
    assertEquals(3, st.latencyUs.getTotalCount());
    assertEquals(100, st.latencyUs.getMinValue());
    assertEquals(true, Math.abs(st.latencyUs.getMaxValue() - 2_000) <= 2);
  }

  private static void feed(FrameProcessor p, String frame, long nowUs) {
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    p.onFrame(b, 0, b.length, nowUs);
  }
}
