package io.tickhub.bench.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results as Markdown: a table of every run, then each target against the last run (not asserted). */
public final class IngestReport {
  private IngestReport() {}

  public static String markdown(IngestOptions options, List<Measurement> results) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "## Store ingest: %,d ticks over %d symbols, writer batch %,d%n%n",
        options.ticks, SyntheticQuotes.SYMBOLS, options.batchSize));
    b.append(String.format(Locale.ROOT, "Java %s, %d cores. Each run loads a fresh, migrated database; run 1 is a"
        + " warm-up. Embedded PostgreSQL runs with fsync, synchronous_commit and full_page_writes off.%n%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors()));
    b.append("| store | path | run | ticks | stored | seconds | rows/s | overflow | writer / raw |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : results) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %s | %.3f | %,.0f | %s | %s |%n",
          m.store().label, m.path(), m.run(), m.ticks(), m.stored() < 0 ? "?" : String.format(Locale.ROOT, "%,d", m.stored()),
          m.seconds(), m.rowsPerSecond(), m.writer() ? String.format(Locale.ROOT, "%,d", m.overflow()) : "–",
          m.writer() ? ratio(m, results).map(r -> String.format(Locale.ROOT, "%.2f×", r)).orElse("–") : ""));
    }
    List<Measurement> failed = results.stream().filter(m -> !m.complete()).toList();
    if (!failed.isEmpty()) {
      b.append("\nIncomplete:\n");
      for (Measurement m : failed) {
        b.append(String.format(Locale.ROOT, "- %s, %s, run %d: %s%n", m.store().label, m.path(), m.run(),
            m.error() != null ? m.error() : m.stored() + " of " + m.ticks() + " stored, " + m.overflow() + " overflowed"));
      }
    }
    b.append("\nTargets (last run, not asserted):\n");
    for (StoreKind kind : options.stores) {
      Optional<Measurement> writer = last(results, kind, true);
      b.append(String.format(Locale.ROOT, "- %s: store writer ≥ %,.0f ticks/s: %s%n", kind.label, kind.writerTarget,
          writer.filter(Measurement::complete).map(m -> String.format(Locale.ROOT, "%,.0f, %s", m.rowsPerSecond(),
              verdict(m.rowsPerSecond() >= kind.writerTarget))).orElse("no complete run")));
      if (!Double.isNaN(kind.rawRatioTarget)) {
        String raw = last(results, kind, false).map(Measurement::path).orElse("raw load");
        b.append(String.format(Locale.ROOT, "- %s: store writer ≥ %.1f× %s: %s%n", kind.label, kind.rawRatioTarget,
            raw, writer.flatMap(m -> ratio(m, results)).map(r -> String.format(Locale.ROOT, "%.2f×, %s", r,
                verdict(r >= kind.rawRatioTarget))).orElse("no complete pair of runs")));
      }
    }
    return b.toString();
  }

  /** The writer's rows/s over the raw load's in the same run of the same store, when both are complete. */
  static Optional<Double> ratio(Measurement writer, List<Measurement> results) {
    return results.stream()
        .filter(m -> !m.writer() && m.store() == writer.store() && m.run() == writer.run())
        .findFirst()
        .filter(raw -> raw.complete() && writer.complete() && raw.rowsPerSecond() > 0)
        .map(raw -> writer.rowsPerSecond() / raw.rowsPerSecond());
  }

  private static Optional<Measurement> last(List<Measurement> results, StoreKind kind, boolean writer) {
    return results.stream().filter(m -> m.store() == kind && m.writer() == writer).reduce((a, b) -> b);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**not met**";
  }
}
