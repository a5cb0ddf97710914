package io.tickhub.bench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickhub.bench.CommandLine;
import io.tickhub.core.quote.Quote;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own code path with a handful of ticks: what it times is what it stores. */
class StoreIngestTest {
  private static final int TICKS = 2_000;

  @Test
  void everyPathStoresEveryTickOnBothStores() throws Exception {
    IngestOptions options = IngestOptions.parse("--ticks", "" + TICKS, "--stores", "h2,pg", "--runs", "1",
        "--batch-size", "700", "--timeout", "30");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<Measurement> results = StoreIngest.run(options, SyntheticQuotes.build(TICKS),
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertEquals(4, results.size(), progress.toString(StandardCharsets.UTF_8));
    for (Measurement m : results) {
      String what = m.store() + " " + m.path() + ": " + m;
      assertNull(m.error(), what);
      // stored is SELECT count(*) FROM price_points after the load, not the writer's own counter
      assertEquals(TICKS, m.stored(), what);
      assertEquals(0, m.overflow(), what);
      assertTrue(m.complete(), what);
    }
    String report = IngestReport.markdown(options, results);
    assertTrue(report.contains("| PostgreSQL (embedded) | raw COPY | 1 | 2,000 | 2,000 |"), report);
    assertTrue(report.contains("| H2 file | store writer (batch 700) | 1 | 2,000 | 2,000 |"), report);
  }

  @Test
  void ticksAreNumberedPerSymbolAsTheHubNumbersThem() {
    List<Quote> quotes = SyntheticQuotes.build(1_500);

    assertEquals("ITEM_000", quotes.get(0).symbol());
    assertEquals("ITEM_499", quotes.get(499).symbol());
    Map<String, Long> lastSeq = new HashMap<>();
    Quote previous = null;
    for (Quote q : quotes) {
      assertEquals(lastSeq.getOrDefault(q.symbol(), 0L) + 1, q.seq(), q.toString());
      lastSeq.put(q.symbol(), q.seq());
      assertTrue(q.bid() < q.ask() && q.bid() <= q.price() && q.price() <= q.ask(), q.toString());
      assertTrue(q.volume() >= 1 && q.providerTime().isBefore(q.hubTime()), q.toString());
      if (previous != null) {
        assertTrue(q.hubTime().isAfter(previous.hubTime()), q.toString());
      }
      previous = q;
    }
    assertEquals(500, lastSeq.size());
    assertEquals(3, lastSeq.get("ITEM_123"));
  }

  @Test
  void optionsHaveTheDocumentedDefaultsAndRefuseNonsense() throws Exception {
    IngestOptions defaults = IngestOptions.parse();
    assertEquals(2_000_000, defaults.ticks);
    assertEquals(List.of(StoreKind.PG, StoreKind.H2), defaults.stores);
    assertEquals(10_000, defaults.batchSize);
    assertEquals(2, defaults.runs);
    assertEquals(List.of(StoreKind.H2), IngestOptions.parse("--stores=h2").stores);
    assertThrows(CommandLine.UsageException.class, () -> IngestOptions.parse("--stores", "mysql"));
    assertThrows(CommandLine.UsageException.class, () -> IngestOptions.parse("--ticks", "0"));
    assertThrows(CommandLine.UsageException.class, () -> IngestOptions.parse("--batch-size"));
  }
}
