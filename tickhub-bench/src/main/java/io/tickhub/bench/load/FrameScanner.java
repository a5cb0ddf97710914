package io.tickhub.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free extractor of the few fields the load generator needs from a Tickhub frame.
 *
 * <p>It is not a JSON parser: it walks the bytes once, tracks strings and nesting so that keys inside
 * nested values (for example {@code data:{timestamp,...}}) are never mistaken for the top-level ones,
 * and picks out {@code type}, {@code symbol} (fallback {@code s}), {@code seq} (fallback {@code q}),
 * {@code ts}, {@code snapshot}, {@code conflated} and the positions of {@code data}/{@code updates}
 * arrays. Strings are reported as byte ranges of the input, unescaped. One instance per thread.
 *
 * <p>Accepted shapes (see {@code tickhub-bench/README.md}):
 * <ul>
 *   <li>a single object, or a JSON array of objects (the {@code ?batch=1} form);</li>
 *   <li>{@code type:"price_update"} or no {@code type} with symbol+ts: a price update, or a snapshot
 *       when it carries {@code snapshot:true};</li>
 *   <li>a {@code type} containing {@code snapshot}: a snapshot; its {@code data} array entries (or the
 *       object itself) are snapshot entries whose seq sets the gap-detection baseline;</li>
 *   <li>{@code snapshot:[...]} (array) without a type: snapshot entries; {@code updates:[...]} or
 *       {@code data:[...]} without a type and without symbol: a container of price updates;</li>
 *   <li>any other {@code type} (connection, subscription, heartbeat, pong, error, bar, news, ...), an
 *       object without market fields, or a plain-text frame such as {@code pong}: "other".</li>
 * </ul>
 */
final class FrameScanner {

  /** Marker for an absent number. */
  static final long NONE = Long.MIN_VALUE;

  /** Receives what {@link #scan} found, in frame order. */
  interface Sink {
    /**
     * A price update that is not a snapshot.
     *
     * @param ts the raw {@code ts} value as sent (unit not normalised), never {@link #NONE}
     * @param seq the sequence number or {@link #NONE}
     * @param conflated the {@code conflated} count, 0 when absent
     */
    void update(byte[] buf, int symOff, int symLen, long seq, long ts, long conflated);

    /** One snapshot entry; {@code symLen < 0} when it named no symbol, {@code seq} may be {@link #NONE}. */
    void snapshot(byte[] buf, int symOff, int symLen, long seq);

    /** A non-market frame (connection, subscription, heartbeat, pong, error, ...). */
    void other();

    /** Bytes that are not a frame we understand, or a price update without symbol or ts. */
    void malformed();
  }

  private static final byte[] K_TYPE = ascii("type");
  private static final byte[] K_SYMBOL = ascii("symbol");
  private static final byte[] K_SEQ = ascii("seq");
  private static final byte[] K_TS = ascii("ts");
  private static final byte[] K_SNAPSHOT = ascii("snapshot");
  private static final byte[] K_CONFLATED = ascii("conflated");
  private static final byte[] K_DATA = ascii("data");
  private static final byte[] K_UPDATES = ascii("updates");
  private static final byte[] V_PRICE_UPDATE = ascii("price_update");
  private static final byte[] V_SNAPSHOT = K_SNAPSHOT;

  /** Fields of one object; index 0 for a frame-level object, 1 for entries of its arrays. */
  private static final class Fields {
    int typeOff;
    int typeLen;
    int symOff;
    int symLen;
    int sOff;
    int sLen;
    long seq;
    long q;
    long ts;
    long conflated;
    boolean snapshotFlag;
    int snapArr;
    int dataArr;
    int updatesArr;

    void reset() {
      typeLen = -1;
      symLen = -1;
      sLen = -1;
      seq = NONE;
      q = NONE;
      ts = NONE;
      conflated = 0;
      snapshotFlag = false;
      snapArr = -1;
      dataArr = -1;
      updatesArr = -1;
    }

    int symbolOff() {
      return symLen >= 0 ? symOff : sOff;
    }

    int symbolLen() {
      return symLen >= 0 ? symLen : sLen;
    }

    long sequence() {
      return seq != NONE ? seq : q;
    }
  }

  private final Fields top = new Fields();
  private final Fields entry = new Fields();
  /** Second return value of the value parsers: the position after the value. */
  private int pos;

  /** Scans one WebSocket message payload ({@code len} bytes from {@code off}). */
  void scan(byte[] b, int off, int len, Sink sink) {
    final int end = off + len;
    int p = skipWs(b, off, end);
    if (p >= end) {
      sink.malformed();
      return;
    }
    byte c = b[p];
    if (c == '{') {
      int q = fields(b, p, end, top);
      if (q < 0 || skipWs(b, q, end) != end) {
        sink.malformed();
        return;
      }
      if (!emitTop(b, end, sink)) {
        sink.malformed();
      }
    } else if (c == '[') {
      p = skipWs(b, p + 1, end);
      if (p < end && b[p] == ']') {
        return; // empty batch
      }
      while (p < end) {
        if (b[p] != '{') {
          sink.malformed();
          return;
        }
        int q = fields(b, p, end, top);
        if (q < 0) {
          sink.malformed();
          return;
        }
        if (!emitTop(b, end, sink)) {
          sink.malformed();
          return;
        }
        p = skipWs(b, q, end);
        if (p >= end) {
          break;
        }
        if (b[p] == ',') {
          p = skipWs(b, p + 1, end);
        } else if (b[p] == ']') {
          return;
        } else {
          break;
        }
      }
      sink.malformed(); // unterminated array
    } else if (isLetter(c)) {
      sink.other(); // plain-text "pong" and the like
    } else {
      sink.malformed();
    }
  }

  /** Classifies the frame-level object in {@link #top}; false when an embedded array is malformed. */
  private boolean emitTop(byte[] b, int end, Sink sink) {
    Fields f = top;
    boolean typed = f.typeLen >= 0;
    if (typed && contains(b, f.typeOff, f.typeLen, V_SNAPSHOT)) {
      if (f.dataArr >= 0) {
        return entries(b, f.dataArr, end, true, sink);
      }
      if (f.snapArr >= 0) {
        return entries(b, f.snapArr, end, true, sink);
      }
      sink.snapshot(b, f.symbolOff(), f.symbolLen(), f.sequence());
      return true;
    }
    if (typed && !equals(b, f.typeOff, f.typeLen, V_PRICE_UPDATE)) {
      sink.other();
      return true;
    }
    if (f.symbolLen() >= 0 || f.ts != NONE) {
      emitUpdate(b, f, sink);
      return true;
    }
    if (!typed) {
      if (f.snapArr >= 0) {
        return entries(b, f.snapArr, end, true, sink);
      }
      if (f.updatesArr >= 0) {
        return entries(b, f.updatesArr, end, false, sink);
      }
      if (f.dataArr >= 0) {
        return entries(b, f.dataArr, end, false, sink);
      }
      sink.other();
      return true;
    }
    sink.malformed(); // "price_update" without symbol and ts
    return true;
  }

  private static void emitUpdate(byte[] b, Fields f, Sink sink) {
    if (f.snapshotFlag) {
      sink.snapshot(b, f.symbolOff(), f.symbolLen(), f.sequence());
    } else if (f.symbolLen() < 0 || f.ts == NONE) {
      sink.malformed();
    } else {
      sink.update(b, f.symbolOff(), f.symbolLen(), f.sequence(), f.ts, f.conflated);
    }
  }

  /** Walks the array starting at {@code p} (its '['): snapshot entries or price updates. */
  private boolean entries(byte[] b, int p, int end, boolean snapshots, Sink sink) {
    Fields f = entry;
    p = skipWs(b, p + 1, end);
    if (p < end && b[p] == ']') {
      return true;
    }
    while (p < end) {
      int q;
      if (b[p] == '{') {
        q = fields(b, p, end, f);
        if (q < 0) {
          return false;
        }
        if (snapshots) {
          sink.snapshot(b, f.symbolOff(), f.symbolLen(), f.sequence());
        } else if (f.typeLen >= 0 && !equals(b, f.typeOff, f.typeLen, V_PRICE_UPDATE)) {
          if (contains(b, f.typeOff, f.typeLen, V_SNAPSHOT)) {
            sink.snapshot(b, f.symbolOff(), f.symbolLen(), f.sequence());
          } else {
            sink.other();
          }
        } else {
          emitUpdate(b, f, sink);
        }
      } else {
        q = skipValue(b, p, end);
        if (q < 0) {
          return false;
        }
        if (snapshots) {
          sink.snapshot(b, 0, -1, NONE); // e.g. a bare symbol name
        } else {
          sink.malformed();
        }
      }
      p = skipWs(b, q, end);
      if (p >= end) {
        return false;
      }
      if (b[p] == ',') {
        p = skipWs(b, p + 1, end);
      } else {
        return b[p] == ']';
      }
    }
    return false;
  }

  /**
   * Reads the members of the object at {@code p} (its '{') into {@code f}.
   *
   * @return the position after the closing '}', or -1 when malformed
   */
  private int fields(byte[] b, int p, int end, Fields f) {
    f.reset();
    p = skipWs(b, p + 1, end);
    if (p < end && b[p] == '}') {
      return p + 1;
    }
    while (p < end) {
      if (b[p] != '"') {
        return -1;
      }
      int ks = p + 1;
      int ke = stringEnd(b, ks, end);
      if (ke < 0) {
        return -1;
      }
      p = skipWs(b, ke + 1, end);
      if (p >= end || b[p] != ':') {
        return -1;
      }
      p = skipWs(b, p + 1, end);
      if (p >= end) {
        return -1;
      }
      p = member(b, ks, ke - ks, p, end, f);
      if (p < 0) {
        return -1;
      }
      p = skipWs(b, p, end);
      if (p >= end) {
        return -1;
      }
      if (b[p] == ',') {
        p = skipWs(b, p + 1, end);
      } else if (b[p] == '}') {
        return p + 1;
      } else {
        return -1;
      }
    }
    return -1;
  }

  /** Handles one member whose value starts at {@code p}; returns the position after the value. */
  private int member(byte[] b, int ks, int kl, int p, int end, Fields f) {
    byte c = b[p];
    switch (kl) {
      case 1:
        if (b[ks] == 's' && c == '"') {
          int e = stringEnd(b, p + 1, end);
          if (e < 0) {
            return -1;
          }
          f.sOff = p + 1;
          f.sLen = e - p - 1;
          return e + 1;
        }
        if (b[ks] == 'q') {
          long v = number(b, p, end);
          if (v != NONE) {
            f.q = v;
            return pos;
          }
        }
        break;
      case 2:
        if (keyIs(b, ks, kl, K_TS)) {
          long v = number(b, p, end);
          if (v != NONE) {
            f.ts = v;
            return pos;
          }
        }
        break;
      case 3:
        if (keyIs(b, ks, kl, K_SEQ)) {
          long v = number(b, p, end);
          if (v != NONE) {
            f.seq = v;
            return pos;
          }
        }
        break;
      case 4:
        if (c == '"' && keyIs(b, ks, kl, K_TYPE)) {
          int e = stringEnd(b, p + 1, end);
          if (e < 0) {
            return -1;
          }
          f.typeOff = p + 1;
          f.typeLen = e - p - 1;
          return e + 1;
        }
        if (c == '[' && keyIs(b, ks, kl, K_DATA)) {
          f.dataArr = p;
        }
        break;
      case 6:
        if (c == '"' && keyIs(b, ks, kl, K_SYMBOL)) {
          int e = stringEnd(b, p + 1, end);
          if (e < 0) {
            return -1;
          }
          f.symOff = p + 1;
          f.symLen = e - p - 1;
          return e + 1;
        }
        break;
      case 7:
        if (c == '[' && keyIs(b, ks, kl, K_UPDATES)) {
          f.updatesArr = p;
        }
        break;
      case 8:
        if (keyIs(b, ks, kl, K_SNAPSHOT)) {
          if (c == 't' && p + 4 <= end && b[p + 1] == 'r' && b[p + 2] == 'u' && b[p + 3] == 'e') {
            f.snapshotFlag = true;
            return p + 4;
          }
          if (c == '[') {
            f.snapArr = p;
          }
        }
        break;
      case 9:
        if (keyIs(b, ks, kl, K_CONFLATED)) {
          long v = number(b, p, end);
          if (v != NONE) {
            f.conflated = Math.max(0, v);
            return pos;
          }
        }
        break;
      default:
        break;
    }
    return skipValue(b, p, end);
  }

  /**
   * Parses an integer at {@code p} (a fraction is truncated; an exponent or more than 18 digits goes
   * through {@code double}); a quoted number is accepted too. Sets {@link #pos} after the value.
   *
   * @return the value, or {@link #NONE} when there is no number here ({@link #pos} is then unset)
   */
  private long number(byte[] b, int p, int end) {
    boolean quoted = b[p] == '"';
    int i = quoted ? p + 1 : p;
    int start = i;
    boolean neg = false;
    if (i < end && b[i] == '-') {
      neg = true;
      i++;
    }
    int d0 = i;
    long v = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      v = v * 10 + (b[i] - '0');
      i++;
    }
    int digits = i - d0;
    if (digits == 0) {
      return NONE;
    }
    boolean viaDouble = digits > 18;
    if (i < end && b[i] == '.') {
      i++;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      viaDouble = true;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    if (viaDouble) {
      try {
        v = (long) Double.parseDouble(new String(b, start, i - start, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        return NONE;
      }
    } else if (neg) {
      v = -v;
    }
    if (quoted) {
      if (i >= end || b[i] != '"') {
        return NONE;
      }
      i++;
    }
    pos = i;
    return v;
  }

  /** Position after the value starting at {@code p}, or -1 when malformed. */
  static int skipValue(byte[] b, int p, int end) {
    if (p >= end) {
      return -1;
    }
    byte c = b[p];
    if (c == '"') {
      int e = stringEnd(b, p + 1, end);
      return e < 0 ? -1 : e + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int i = p;
      while (i < end) {
        c = b[i];
        if (c == '"') {
          int e = stringEnd(b, i + 1, end);
          if (e < 0) {
            return -1;
          }
          i = e + 1;
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return -1;
    }
    int i = p;
    while (i < end) {
      c = b[i];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    return i == p ? -1 : i;
  }

  /** Index of the closing quote of a string whose content starts at {@code p}, or -1. */
  static int stringEnd(byte[] b, int p, int end) {
    int i = p;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      i += c == '\\' ? 2 : 1;
    }
    return -1;
  }

  private static int skipWs(byte[] b, int p, int end) {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return p;
      }
      p++;
    }
    return p;
  }

  private static boolean isLetter(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean keyIs(byte[] b, int off, int len, byte[] key) {
    return equals(b, off, len, key);
  }

  static boolean equals(byte[] b, int off, int len, byte[] v) {
    if (len != v.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[off + i] != v[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(byte[] b, int off, int len, byte[] v) {
    outer:
    for (int i = 0; i + v.length <= len; i++) {
      for (int j = 0; j < v.length; j++) {
        if (b[off + i + j] != v[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
