package io.tickhub.bench.store;

import io.tickhub.bench.CommandLine;
import io.tickhub.bench.CommandLine.UsageException;
import io.tickhub.bench.store.candidate.CandidateKind;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@code io.tickhub.bench.StoreIngestBenchmark}. */
public final class IngestOptions {
  public static final String USAGE = """
      usage: java -cp tickhub-bench/target/benchmarks.jar io.tickhub.bench.StoreIngestBenchmark [options]
        --ticks N          quotes stored per measurement, over 500 symbols ITEM_000..ITEM_499 (default 2000000)
        --stores LIST      comma-separated: pg (embedded PostgreSQL), h2 (H2 file in a temp directory)
                           (default pg,h2)
        --batch-size N     the store writer's most rows per transaction (default 10000)
        --runs N           runs of each measurement, all reported (default 2; the first is a warm-up)
        --timeout SECONDS  longest a single measurement may take before it is abandoned (default 180)
        --candidates LIST  instead of pg/h2 above, compare tick stores (issue 15), comma-separated:
                           h2, duckdb, questdb, journal. The ticks fill one day; each run loads a
                           fresh store through its fastest append (--batch-size ticks per call), then
                           times newest 100, a page of 1000 and a day of 1-minute bars. --timeout is
                           then a budget per run for the hard deadline only.
        --queries N        with --candidates: timed calls of each query (default 200)
        --help
      """;

  public int ticks = 2_000_000;
  public List<StoreKind> stores = List.of(StoreKind.PG, StoreKind.H2);
  public int batchSize = 10_000;
  public int runs = 2;
  public int timeoutSeconds = 180;
  public boolean help;
  /** Empty unless {@code --candidates} is given: then the tick store comparison runs instead. */
  public List<CandidateKind> candidates = List.of();
  public int queries = 200;

  public static IngestOptions parse(String... args) throws UsageException {
    Map<String, String> m = CommandLine.parse(args, Set.of("help"));
    if (m.containsKey("candidates") && m.containsKey("stores")) {
      throw new UsageException("--candidates and --stores are two different measurements: give one");
    }
    IngestOptions o = new IngestOptions();
    for (Map.Entry<String, String> e : m.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      switch (k) {
        case "ticks" -> o.ticks = intIn(k, v, 1, 50_000_000);
        case "stores" -> o.stores = stores(v);
        case "batch-size" -> o.batchSize = intIn(k, v, 1, 1_000_000);
        case "runs" -> o.runs = intIn(k, v, 1, 10);
        case "timeout" -> o.timeoutSeconds = intIn(k, v, 1, 3_600);
        case "candidates" -> o.candidates = candidates(v);
        case "queries" -> o.queries = intIn(k, v, 1, 100_000);
        case "help" -> o.help = true;
        default -> throw new UsageException("unknown option --" + k);
      }
    }
    return o;
  }

  private static List<StoreKind> stores(String v) throws UsageException {
    Set<StoreKind> kinds = new LinkedHashSet<>();
    for (String name : v.split(",")) {
      try {
        kinds.add(StoreKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException ex) {
        throw new UsageException("--stores takes pg and/or h2, got " + name.trim());
      }
    }
    return new ArrayList<>(kinds);
  }

  private static List<CandidateKind> candidates(String v) throws UsageException {
    Set<CandidateKind> kinds = new LinkedHashSet<>();
    for (String name : v.split(",")) {
      try {
        kinds.add(CandidateKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException ex) {
        throw new UsageException("--candidates takes " + String.join(", ", Arrays.stream(CandidateKind.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()) + ", got " + name.trim());
      }
    }
    return new ArrayList<>(kinds);
  }

  /** Counts may be written with underscores ({@code 2_000_000}). */
  private static int intIn(String k, String v, int min, int max) throws UsageException {
    return CommandLine.intIn(k, v.replace("_", ""), min, max);
  }
}
