package io.tickhub.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Read-only map from a symbol's UTF-8 bytes (a range of a received frame) to its index in the symbol
 * list, without allocating. Built once before any connection starts, then shared by all event loops.
 */
final class SymbolTable {
  private final byte[][] names;
  private final int[] slots; // open addressing: index + 1, 0 = empty
  private final int mask;

  SymbolTable(List<String> symbols) {
    names = new byte[symbols.size()][];
    int cap = Integer.highestOneBit(Math.max(4, symbols.size() * 2) - 1) << 1;
    slots = new int[cap];
    mask = cap - 1;
    for (int i = 0; i < names.length; i++) {
      names[i] = symbols.get(i).getBytes(StandardCharsets.UTF_8);
      int h = hash(names[i], 0, names[i].length) & mask;
      while (slots[h] != 0) {
        if (java.util.Arrays.equals(names[slots[h] - 1], names[i])) {
          throw new IllegalArgumentException("duplicate symbol " + symbols.get(i));
        }
        h = (h + 1) & mask;
      }
      slots[h] = i + 1;
    }
  }

  int size() {
    return names.length;
  }

  /** Index of the symbol spelled by {@code len} bytes of {@code b} at {@code off}, or -1. */
  int id(byte[] b, int off, int len) {
    int h = hash(b, off, len) & mask;
    while (true) {
      int s = slots[h];
      if (s == 0) {
        return -1;
      }
      if (FrameScanner.equals(b, off, len, names[s - 1])) {
        return s - 1;
      }
      h = (h + 1) & mask;
    }
  }

  private static int hash(byte[] b, int off, int len) {
    int h = 0x811c9dc5;
    for (int i = 0; i < len; i++) {
      h = (h ^ b[off + i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}
