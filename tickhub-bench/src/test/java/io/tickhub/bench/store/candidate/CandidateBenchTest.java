package io.tickhub.bench.store.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickhub.bench.CommandLine;
import io.tickhub.bench.store.IngestOptions;
import io.tickhub.bench.store.SyntheticQuotes;
import io.tickhub.core.quote.Quote;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The comparison's own path with a few thousand ticks: every store stores them all and answers alike. */
class CandidateBenchTest {
  private static final int TICKS = 5_000;

  @Test
  @Timeout(120)
  void everyStoreStoresEveryTickAndAnswersAsH2Does() {
    Instant day = CandidateBench.dayStart();
    List<Quote> quotes = SyntheticQuotes.overDay(TICKS, day);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<CandidateResult> results = CandidateBench.run(List.of(CandidateKind.values()), 1, 700, 5, quotes, day,
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertEquals(CandidateKind.values().length, results.size(), progress.toString(StandardCharsets.UTF_8));
    CandidateResult h2 = results.get(0);
    assertEquals(CandidateKind.H2, h2.kind());
    for (CandidateResult r : results) {
      // stored is the store's own count, and the queries' answers were checked against the data
      assertNull(r.error(), r.kind() + ": " + r.error());
      assertEquals(TICKS, r.stored(), r.kind().label);
      assertTrue(r.cpuNanos() > 0 && r.ingestNanos() > 0, r.kind().label);
      assertEquals(TICKS / SyntheticQuotes.SYMBOLS, r.sampleNewest().size(), r.kind().label);
      assertEquals(h2.sampleNewest(), r.sampleNewest(), r.kind().label);
      assertEquals(h2.sampleBars(), r.sampleBars(), r.kind().label);
    }
    assertEquals(List.of(1L, 10L), List.of(h2.sampleNewest().getFirst().seq(), h2.sampleNewest().getLast().seq()));
    String report = CandidateReport.markdown(TICKS, 700, 5, results);
    assertTrue(report.contains("| DuckDB (appender) | 1 | 5,000 |"), report);
    assertTrue(report.contains("- QuestDB embedded (TableWriter), run 1: ticks same, bars same"), report);
  }

  @Test
  void aDayOfTicksFillsTheDayInOrderAtWholeMicroseconds() {
    Instant day = Instant.parse("2026-03-08T00:00:00Z");
    List<Quote> quotes = SyntheticQuotes.overDay(7_000, day);

    assertEquals(day, quotes.getFirst().hubTime());
    assertTrue(quotes.getLast().hubTime().isBefore(day.plus(1, ChronoUnit.DAYS)));
    for (int i = 1; i < quotes.size(); i++) {
      assertTrue(quotes.get(i).hubTime().isAfter(quotes.get(i - 1).hubTime()));
      assertEquals(0, quotes.get(i).hubTime().getNano() % 1_000);
    }
  }

  @Test
  void candidatesAreNamedAndNotMixedWithStores() throws Exception {
    assertEquals(List.of(CandidateKind.DUCKDB, CandidateKind.QUESTDB),
        IngestOptions.parse("--candidates", "duckdb,questdb").candidates);
    assertEquals(List.of(), IngestOptions.parse().candidates);
    assertEquals(200, IngestOptions.parse().queries);
    assertThrows(CommandLine.UsageException.class, () -> IngestOptions.parse("--candidates", "sqlite"));
    assertThrows(CommandLine.UsageException.class, () -> IngestOptions.parse("--candidates", "h2", "--stores", "h2"));
  }
}
