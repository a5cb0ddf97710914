package io.tickhub.bench.store.candidate;

import io.tickhub.bench.ScratchFiles;
import io.tickhub.bench.store.SyntheticQuotes;
import io.tickhub.core.quote.Quote;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tick store comparison (issue 15): per store and run, a fresh store in a temp directory, every
 * tick appended in batches on this thread (wall time and the process's CPU time taken around it), the
 * store's own count, then the three reads timed over random symbols; then the directory is deleted.
 * The ticks are a day of them ({@link SyntheticQuotes#overDay}), the same for every store.
 */
public final class CandidateBench {
  /** The symbol whose newest ticks and bars every store must answer alike. */
  static final String SAMPLE_SYMBOL = SyntheticQuotes.symbol(7);
  static final int NEWEST = 100;
  static final int PAGE = 1_000;

  private CandidateBench() {}

  /** The UTC day the ticks fill: yesterday, so that it is whole and in the past. */
  public static Instant dayStart() {
    return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
  }

  public static List<CandidateResult> run(List<CandidateKind> kinds, int runs, int batchSize, int queries,
                                          List<Quote> quotes, Instant dayStart, PrintStream progress) {
    List<CandidateResult> results = new ArrayList<>();
    for (CandidateKind kind : kinds) {
      for (int run = 1; run <= runs; run++) {
        System.gc(); // the previous run's garbage is collected here, not inside the next timing
        CandidateResult r = measure(kind, run, batchSize, queries, quotes, dayStart);
        progress.printf(Locale.ROOT, "[store-bench] %s, run %d: %,d of %,d stored in %.3f s, %,.0f ticks/s,"
                + " %.2f µs CPU per tick%s%n", kind.label, run, r.stored(), r.ticks(), r.ingestNanos() / 1e9,
            r.ticksPerSecond(), r.cpuMicrosPerTick(), r.error() == null ? "" : " (" + r.error() + ")");
        results.add(r);
      }
    }
    return results;
  }

  @SuppressWarnings("try") // TickStoreTarget.close may be interrupted: the bench then ends anyway
  static CandidateResult measure(CandidateKind kind, int run, int batchSize, int queries, List<Quote> quotes,
                                 Instant dayStart) {
    Path directory;
    try {
      directory = Files.createTempDirectory("tickhub-tickstore-" + kind.name().toLowerCase(Locale.ROOT) + "-");
    } catch (IOException e) {
      return CandidateResult.failed(kind, run, quotes.size(), "no temp directory: " + e);
    }
    Thread deleteAtExit = new Thread(() -> ScratchFiles.deleteTree(directory), "store-bench-tickstore-cleanup");
    Runtime.getRuntime().addShutdownHook(deleteAtExit);
    try (TickStoreTarget store = kind.open(directory, quotes.size(), batchSize)) {
      return loadAndQuery(kind, run, batchSize, queries, quotes, dayStart, store, directory);
    } catch (Exception e) {
      return CandidateResult.failed(kind, run, quotes.size(), e.toString());
    } finally {
      ScratchFiles.deleteTree(directory);
      try {
        Runtime.getRuntime().removeShutdownHook(deleteAtExit);
      } catch (IllegalStateException e) {
        // already shutting down: the hook deletes the (now missing) directory again, harmlessly
      }
    }
  }

  private static CandidateResult loadAndQuery(CandidateKind kind, int run, int batchSize, int queries,
                                              List<Quote> quotes, Instant dayStart, TickStoreTarget store,
                                              Path directory) throws Exception {
    int n = quotes.size();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = os.getProcessCpuTime();
    long callerCpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int from = 0; from < n; from += batchSize) {
      store.append(quotes.subList(from, Math.min(n, from + batchSize)));
    }
    store.awaitStored(n);
    long elapsed = System.nanoTime() - start;
    long callerCpu = threads.getCurrentThreadCpuTime() - callerCpu0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long stored = store.count();
    long bytes = sizeOf(directory);

    Instant dayEnd = dayStart.plus(1, ChronoUnit.DAYS);
    long perSymbol = quotes.stream().filter(q -> q.symbol().equals(SAMPLE_SYMBOL)).count();
    List<String> wrong = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(15);
    Latency newest = timed(queries, () -> {
      List<Quote> got = store.newest(randomSymbol(random), NEWEST);
      check(got.size() == Math.min(NEWEST, perSymbol), "newest gave " + got.size(), wrong);
    });
    long pageStartRange = ChronoUnit.MICROS.between(dayStart, dayEnd) * 3 / 4;
    // Every synthetic symbol has as many ticks, so a page from the first three quarters of the day
    // is full whenever a quarter of a symbol's ticks fill a page.
    Latency history = timed(queries, () -> {
      Instant from = dayStart.plus(random.nextLong(pageStartRange), ChronoUnit.MICROS);
      List<Quote> got = store.history(randomSymbol(random), from, dayEnd, PAGE);
      check(got.size() >= Math.min(PAGE, perSymbol / 4) && got.size() <= PAGE, "history gave " + got.size(), wrong);
    });
    Latency bars = timed(queries, () -> {
      List<MinuteBar> got = store.minuteBars(randomSymbol(random), dayStart, dayEnd);
      long trades = got.stream().mapToLong(MinuteBar::trades).sum();
      check(trades == perSymbol, "bars counted " + trades + " ticks", wrong);
    });
    String error = wrong.isEmpty() ? null : "wrong answers: " + String.join("; ", wrong.stream().distinct().toList());
    return new CandidateResult(kind, run, n, stored, elapsed, cpu, callerCpu, bytes, newest, history, bars,
        store.newest(SAMPLE_SYMBOL, NEWEST), store.minuteBars(SAMPLE_SYMBOL, dayStart, dayEnd), error);
  }

  private static void check(boolean ok, String what, List<String> wrong) {
    if (!ok) {
      wrong.add(what);
    }
  }

  private static String randomSymbol(SplittableRandom random) {
    return SyntheticQuotes.symbol(random.nextInt(SyntheticQuotes.SYMBOLS));
  }

  private interface Query {
    void run() throws Exception;
  }

  /** A tenth of the calls (at least 10) untimed first, so that compiled plans and the JIT are warm. */
  private static Latency timed(int calls, Query query) throws Exception {
    for (int i = 0; i < Math.max(10, calls / 10); i++) {
      query.run();
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      query.run();
      nanos[i] = System.nanoTime() - t0;
    }
    return Latency.of(nanos);
  }

  private static long sizeOf(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
