package io.tickhub.bench.store.candidate;

import io.tickhub.bench.store.SyntheticQuotes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The comparison as Markdown: a row per store and run, the targets, and whether the stores agree. */
public final class CandidateReport {
  /** Issue 15's targets for the default store. */
  static final double TICKS_PER_SECOND_TARGET = 1_000_000;
  static final double CPU_MICROS_PER_TICK_TARGET = 1.0;

  private CandidateReport() {}

  public static String markdown(int ticks, int batchSize, int queries, List<CandidateResult> results) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "## Tick store candidates: %,d ticks over %d symbols in one day, batch %,d%n%n",
        ticks, SyntheticQuotes.SYMBOLS, batchSize));
    b.append(String.format(Locale.ROOT, "Java %s, %d cores visible. Each run loads a fresh store in a temp directory;"
        + " CPU is the whole process's over the load. Query latency: p50 / p99 of %d calls on random symbols,"
        + " after %d untimed.%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), queries,
        Math.max(10, queries / 10)));
    b.append("| store | run | stored | seconds | ticks/s | CPU µs/tick | of which appending thread | cores"
        + " | files MB | newest 100 | page of 1000 | 1m bars, day |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (CandidateResult r : results) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %,.0f | %.2f | %.2f | %.2f | %,.0f | %s | %s | %s |%n",
          r.kind().label, r.run(), r.stored() < 0 ? "?" : String.format(Locale.ROOT, "%,d", r.stored()),
          r.ingestNanos() / 1e9, r.ticksPerSecond(), r.cpuMicrosPerTick(), r.callerCpuMicrosPerTick(), r.coresUsed(),
          r.fileBytes() / 1e6, latency(r.newest()), latency(r.history()), latency(r.bars())));
    }
    List<CandidateResult> failed = results.stream().filter(r -> !r.complete()).toList();
    if (!failed.isEmpty()) {
      b.append("\nIncomplete or wrong:\n");
      for (CandidateResult r : failed) {
        b.append(String.format(Locale.ROOT, "- %s, run %d: %s%n", r.kind().label, r.run(),
            r.error() != null ? r.error() : r.stored() + " of " + r.ticks() + " stored"));
      }
    }
    b.append(String.format(Locale.ROOT, "%nTargets (last run, not asserted): ≥ %,.0f ticks/s and ≤ %.1f µs of CPU per tick%n",
        TICKS_PER_SECOND_TARGET, CPU_MICROS_PER_TICK_TARGET));
    List<CandidateKind> kinds = results.stream().map(CandidateResult::kind).distinct().toList();
    for (CandidateKind kind : kinds) {
      Optional<CandidateResult> last = results.stream().filter(r -> r.kind() == kind).reduce((x, y) -> y);
      b.append(String.format(Locale.ROOT, "- %s: %s%n", kind.label, last.filter(CandidateResult::complete)
          .map(r -> String.format(Locale.ROOT, "%,.0f ticks/s, %s; %.2f µs/tick, %s", r.ticksPerSecond(),
              verdict(r.ticksPerSecond() >= TICKS_PER_SECOND_TARGET), r.cpuMicrosPerTick(),
              verdict(r.cpuMicrosPerTick() <= CPU_MICROS_PER_TICK_TARGET)))
          .orElse("no complete run")));
    }
    b.append(agreement(results));
    return b.toString();
  }

  /** Every store's answer for the sample symbol against the first store's: the same ticks, the same bars. */
  static String agreement(List<CandidateResult> results) {
    List<CandidateResult> complete = results.stream().filter(CandidateResult::complete).toList();
    if (complete.size() < 2) {
      return "";
    }
    CandidateResult first = complete.get(0);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%nSame answers as %s for %s (newest %d ticks, %d one-minute bars):%n", first.kind().label,
        CandidateBench.SAMPLE_SYMBOL, first.sampleNewest().size(), first.sampleBars().size()));
    for (CandidateResult r : complete.subList(1, complete.size())) {
      b.append(String.format(Locale.ROOT, "- %s, run %d: ticks %s, bars %s%n", r.kind().label, r.run(),
          compared(first.sampleNewest(), r.sampleNewest()), compared(first.sampleBars(), r.sampleBars())));
    }
    return b.toString();
  }

  /** "same", or where the answers part. */
  static String compared(List<?> expected, List<?> actual) {
    if (expected.equals(actual)) {
      return "same";
    }
    if (expected.size() != actual.size()) {
      return "**differ**: " + actual.size() + " rows, not " + expected.size();
    }
    for (int i = 0; ; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        return "**differ** at row " + i + ": " + actual.get(i) + ", not " + expected.get(i);
      }
    }
  }

  private static String latency(Latency l) {
    return l == null ? "–" : format(l.p50Nanos()) + " / " + format(l.p99Nanos());
  }

  /** µs below 10 ms, ms above. */
  private static String format(long nanos) {
    return nanos < 10_000_000 ? String.format(Locale.ROOT, "%,.0f µs", nanos / 1e3)
        : String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**not met**";
  }
}
