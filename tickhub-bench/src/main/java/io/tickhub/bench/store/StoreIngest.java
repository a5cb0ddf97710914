package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the measurements: per store, start it, then for each run the writer and the raw ceiling, each
 * into a fresh database; then stop the store and delete what it left. Writer and raw load alternate
 * so that both see the same state of the machine (page cache, other load) in each run.
 */
public final class StoreIngest {
  private StoreIngest() {}

  public static List<Measurement> run(IngestOptions options, List<Quote> quotes, PrintStream progress) {
    Duration timeout = Duration.ofSeconds(options.timeoutSeconds);
    List<Measurement> results = new ArrayList<>();
    for (StoreKind kind : options.stores) {
      progress.printf(Locale.ROOT, "[store-bench] %s: starting%n", kind.label);
      try (IngestTarget target = kind.open()) {
        for (int run = 1; run <= options.runs; run++) {
          settle();
          results.add(reported(progress, WriterIngest.measure(target, run, quotes, options.batchSize, timeout)));
          settle();
          results.add(reported(progress, RawIngest.measure(target, run, quotes)));
        }
      } catch (RuntimeException e) {
        // The store did not start (or stop): show it in the report rather than lose the other store's numbers.
        results.add(reported(progress, new Measurement(kind, WriterIngest.path(options.batchSize), true, 1,
            quotes.size(), -1, 0, 0, "store failed: " + e)));
      }
    }
    return results;
  }

  /** The previous run's garbage (a full queue's worth of batches) is collected here, not inside the next timing. */
  private static void settle() {
    System.gc();
  }

  private static Measurement reported(PrintStream progress, Measurement m) {
    progress.printf(Locale.ROOT, "[store-bench] %s, %s, run %d: %,d of %,d stored in %.3f s, %,.0f rows/s%s%n",
        m.store().label, m.path(), m.run(), m.stored(), m.ticks(), m.seconds(), m.rowsPerSecond(),
        m.error() == null ? "" : " (" + m.error() + ")");
    return m;
  }
}
