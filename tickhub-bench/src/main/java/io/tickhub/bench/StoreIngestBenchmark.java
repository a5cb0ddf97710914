package io.tickhub.bench;

import io.tickhub.bench.store.IngestOptions;
import io.tickhub.bench.store.IngestReport;
import io.tickhub.bench.store.Measurement;
import io.tickhub.bench.store.StoreIngest;
import io.tickhub.bench.store.SyntheticQuotes;
import io.tickhub.bench.store.candidate.CandidateBench;
import io.tickhub.bench.store.candidate.CandidateReport;
import io.tickhub.bench.store.candidate.CandidateResult;
import io.tickhub.core.quote.Quote;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast the hub's store takes ticks: sustained ticks/s through the real store writer and JDBC
 * store on an embedded PostgreSQL (COPY) and on an H2 file, each next to the store's raw bulk-load
 * ceiling (plain COPY, plain JDBC batch INSERTs) of the same rows. Prints a Markdown table.
 * With {@code --candidates}, instead, the tick store comparison of issue 15 ({@link CandidateBench}):
 * H2, the tick journal, QuestDB and DuckDB, each loaded and queried with the same day of ticks.
 * See {@code tickhub-bench/README.md}.
 *
 * <p>A plain main, not JMH: each measurement is one long load of millions of rows into a fresh
 * database, timed whole. Bounded in time: a writer that has not drained after {@code --timeout} is
 * abandoned, and the process exits (stopping PostgreSQL and deleting the H2 files through their
 * shutdown hooks) at a hard deadline of every measurement's timeout plus two minutes.
 *
 * <p>Exit status: 0 when every measurement stored every tick, 1 when one did not, 2 on a usage
 * error, 3 if the hard deadline cut the run short.
 */
public final class StoreIngestBenchmark {
  static final int HARD_DEADLINE_EXTRA_S = 120;

  private StoreIngestBenchmark() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    // The writer's thread and the pools are gone, but exit explicitly as LoadGenerator does.
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    IngestOptions o;
    try {
      o = IngestOptions.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("error: " + e.getMessage());
      err.print(IngestOptions.USAGE);
      return 2;
    }
    if (o.help) {
      out.print(IngestOptions.USAGE);
      return 0;
    }
    if (!o.candidates.isEmpty()) {
      return compareCandidates(o, out, err);
    }
    long measurements = 2L * o.runs * o.stores.size();
    startWatchdog(TimeUnit.SECONDS.toNanos(measurements * o.timeoutSeconds + HARD_DEADLINE_EXTRA_S), err);

    err.printf(Locale.ROOT, "[store-bench] building %,d ticks over %d symbols%n", o.ticks, SyntheticQuotes.SYMBOLS);
    List<Quote> quotes = SyntheticQuotes.build(o.ticks);
    List<Measurement> results = StoreIngest.run(o, quotes, err);
    out.print(IngestReport.markdown(o, results));
    return results.stream().allMatch(Measurement::complete) ? 0 : 1;
  }

  /** The tick store comparison of issue 15 (see {@link CandidateBench}). */
  private static int compareCandidates(IngestOptions o, PrintStream out, PrintStream err) {
    startWatchdog(TimeUnit.SECONDS.toNanos((long) o.runs * o.candidates.size() * o.timeoutSeconds
        + HARD_DEADLINE_EXTRA_S), err);
    Instant dayStart = CandidateBench.dayStart();
    err.printf(Locale.ROOT, "[store-bench] building %,d ticks over %d symbols on %s%n", o.ticks,
        SyntheticQuotes.SYMBOLS, dayStart);
    List<Quote> quotes = SyntheticQuotes.overDay(o.ticks, dayStart);
    List<CandidateResult> results = CandidateBench.run(o.candidates, o.runs, o.batchSize, o.queries, quotes,
        dayStart, err);
    out.print(CandidateReport.markdown(o.ticks, o.batchSize, o.queries, results));
    return results.stream().allMatch(CandidateResult::complete) ? 0 : 1;
  }

  /**
   * Ends the process at the deadline whatever it is doing. System.exit, not halt, so the shutdown
   * hooks stop PostgreSQL and delete the H2 files; halt only if they hang.
   */
  private static void startWatchdog(long budgetNanos, PrintStream err) {
    long deadline = System.nanoTime() + budgetNanos;
    Thread.ofPlatform().daemon().name("store-bench-deadline").start(() -> {
      parkUntil(deadline);
      err.println("[store-bench] hard deadline reached: exiting");
      err.flush();
      long haltAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Thread.ofPlatform().daemon().name("store-bench-halt").start(() -> {
        parkUntil(haltAt);
        Runtime.getRuntime().halt(3);
      });
      System.exit(3);
    });
  }

  private static void parkUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
