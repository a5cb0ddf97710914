package io.tickhub.bench.load;

import io.tickhub.bench.CommandLine;
import io.tickhub.bench.CommandLine.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@link LoadGenerator}. */
final class Options {
  static final String USAGE = """
      usage: java -cp tickhub-bench/target/benchmarks.jar io.tickhub.bench.load.LoadGenerator [options]
        --url URL                 ws://HOST:PORT/PATH[?batch=1]; HOST must be 127.0.0.0/8, ::1 or localhost
                                  (default ws://127.0.0.1:8080/ws)
        --connections N           WebSocket connections (default 1000)
        --symbols-per-conn K      symbols subscribed per connection (default 10)
        --symbols-file FILE       symbol names separated by whitespace or commas, or
        --symbols A,B,C           symbol names inline, or
        --sym-prefix P --symbol-count S   names P0000..P(S-1), zero-padded to 4 digits (default S, 500)
        --assign rr|random        rr: connection i gets symbols i*K..i*K+K-1 mod S (default rr);
                                  random: the Node harness's seeded draw (--seed, default 1)
        --duration SECONDS        measurement window (default 30)
        --warmup SECONDS          warm-up after all connections are settled (default 3)
        --threads N               Netty event-loop threads (default 1)
        --transport auto|nio|epoll  event-loop kind (default auto: epoll when available)
        --connect-concurrency N   connection attempts in flight at once (default 256)
        --rate R                  the hub's total update rate, only to print expected msgs/s and ratio
        --json                    print one JSON line instead of the table
        --help
      """;

  enum Transport {
    AUTO,
    NIO,
    EPOLL
  }

  URI url;
  int connections = 1000;
  int symbolsPerConn = 10;
  String symbolsFile;
  String symbols;
  String symPrefix = "S";
  int symbolCount = 500;
  Symbols.Assign assign = Symbols.Assign.RR;
  long seed = 1;
  int duration = 30;
  int warmup = 3;
  int threads = 1;
  Transport transport = Transport.AUTO;
  int connectConcurrency = 256;
  double rate = Double.NaN;
  boolean json;
  boolean help;

  private static final Set<String> FLAGS = Set.of("json", "help");

  static Options parse(String[] args) throws UsageException {
    Map<String, String> m = CommandLine.parse(args, FLAGS);
    Options o = new Options();
    String url = "ws://127.0.0.1:8080/ws";
    for (Map.Entry<String, String> e : m.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      switch (k) {
        case "url" -> url = v;
        case "connections" -> o.connections = CommandLine.intIn(k, v, 1, 1_000_000);
        case "symbols-per-conn" -> o.symbolsPerConn = CommandLine.intIn(k, v, 1, 100_000);
        case "symbols-file" -> o.symbolsFile = v;
        case "symbols" -> o.symbols = v;
        case "sym-prefix" -> o.symPrefix = v;
        case "symbol-count" -> o.symbolCount = CommandLine.intIn(k, v, 1, 10_000_000);
        case "assign" -> {
          try {
            o.assign = Symbols.Assign.parse(v);
          } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
          }
        }
        case "seed" -> o.seed = CommandLine.intIn(k, v, 0, Integer.MAX_VALUE);
        case "duration" -> o.duration = CommandLine.intIn(k, v, 1, 86_400);
        case "warmup" -> o.warmup = CommandLine.intIn(k, v, 0, 3_600);
        case "threads" -> o.threads = CommandLine.intIn(k, v, 1, 256);
        case "transport" -> {
          try {
            o.transport = Transport.valueOf(v.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException ex) {
            throw new UsageException("--transport must be auto, nio or epoll, got " + v);
          }
        }
        case "connect-concurrency" -> o.connectConcurrency = CommandLine.intIn(k, v, 1, 100_000);
        case "rate" -> {
          try {
            o.rate = Double.parseDouble(v);
          } catch (NumberFormatException ex) {
            throw new UsageException("--rate needs a number, got " + v);
          }
          if (!(o.rate > 0)) {
            throw new UsageException("--rate must be > 0");
          }
        }
        case "json" -> o.json = bool(k, v);
        case "help" -> o.help = bool(k, v);
        default -> throw new UsageException("unknown option --" + k);
      }
    }
    int sources = (o.symbolsFile != null ? 1 : 0) + (o.symbols != null ? 1 : 0)
        + (m.containsKey("sym-prefix") || m.containsKey("symbol-count") ? 1 : 0);
    if (sources > 1) {
      throw new UsageException("give the symbols one way: --symbols-file, --symbols, or --sym-prefix/--symbol-count");
    }
    try {
      o.url = new URI(url);
    } catch (URISyntaxException e) {
      throw new UsageException("bad --url: " + e.getMessage());
    }
    if (o.url.getHost() == null) {
      throw new UsageException("bad --url " + url + " (expected ws://HOST:PORT/PATH)");
    }
    return o;
  }

  private static boolean bool(String k, String v) throws UsageException {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException("--" + k + " takes no value (or =true/=false), got " + v);
    };
  }
}
