package io.tickhub.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Symbol names and their assignment to connections, exactly as the shared Node harness does it
 * ({@code shared/bench/fanout/lib/common.js}: {@code symbolNames}, {@code clientSymbols}).
 */
final class Symbols {
  private Symbols() {}

  /** {@code prefix + zero-padded 4-digit index}: S0000..S0499 for prefix S and count 500. */
  static List<String> generated(String prefix, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String n = Integer.toString(i);
      out.add(prefix + "0".repeat(Math.max(0, 4 - n.length())) + n);
    }
    return out;
  }

  /** Names separated by whitespace or commas, in file order, duplicates dropped. */
  static List<String> parse(String text) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String t : text.split("[\\s,]+")) {
      if (!t.isEmpty()) {
        set.add(t);
      }
    }
    return new ArrayList<>(set);
  }

  static List<String> fromFile(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Indices of the symbols of connection {@code i}: rr gives {@code (i*K + j) mod S} for j &lt; K;
   * random uses the Node harness's seeded xorshift32, so both tools subscribe the same sets.
   */
  static int[] forConnection(int i, int k, int s, Assign mode, long seed) {
    int n = Math.min(k, s);
    int[] out = new int[n];
    if (mode == Assign.RANDOM) {
      // JS: x = (seed * 2654435761 + i * 40503 + 1) >>> 0, then xorshift32 on uint32
      int x = (int) (seed * 2654435761L + (long) i * 40503L + 1L);
      boolean[] seen = new boolean[s];
      int c = 0;
      while (c < n) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        int v = Integer.remainderUnsigned(x, s);
        if (!seen[v]) {
          seen[v] = true;
          out[c++] = v;
        }
      }
      return out;
    }
    for (int j = 0; j < n; j++) {
      out[j] = (int) (((long) i * k + j) % s);
    }
    return out;
  }

  /** Average number of subscribers per symbol: {@code connections * min(K, S) / S}. */
  static double fanout(int connections, int k, int s) {
    return s == 0 ? 0 : (double) connections * Math.min(k, s) / s;
  }

  enum Assign {
    RR,
    RANDOM;

    static Assign parse(String v) {
      return switch (v) {
        case "rr" -> RR;
        case "random" -> RANDOM;
        default -> throw new IllegalArgumentException("--assign must be rr or random, got " + v);
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
