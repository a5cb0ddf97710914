package io.tickhub.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The end-of-run summary: a human table or one JSON line (key names follow the Node harness). */
final class Report {
  String url;
  String transport;
  int threads;
  int connections;
  int k;
  int s;
  String assign;
  int warmup;
  int duration;
  double rate = Double.NaN;
  int connOk;
  int connFailed;
  int connDropped;
  long connectMs;
  List<String> failSamples = List.of();
  List<String> dropSamples = List.of();
  LoopStats stats;
  String note;

  double fanout() {
    return Symbols.fanout(connOk, k, s);
  }

  double deliveredPerSec() {
    return duration > 0 ? (double) stats.deliveredWindow / duration : 0;
  }

  long[] perSecSorted() {
    long[] a = stats.perSecond.clone();
    Arrays.sort(a);
    return a;
  }

  private static Double ms(Histogram h, double pct) {
    if (h.getTotalCount() == 0) {
      return null;
    }
    return h.getValueAtPercentile(pct) / 1000.0;
  }

  private static String fmt(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String num(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", v);
  }

  String table() {
    Histogram h = stats.latencyUs;
    long[] ps = perSecSorted();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "tickhub load generator  %s  (%s, %d thread%s)%n", url, transport, threads,
        threads == 1 ? "" : "s"));
    b.append(String.format(Locale.ROOT, "  connections    ok %d  failed %d  dropped %d  (of %d, connect phase %.2f s)%n",
        connOk, connFailed, connDropped, connections, connectMs / 1000.0));
    for (String f : failSamples) {
      b.append("    failed: ").append(f).append('\n');
    }
    for (String d : dropSamples) {
      b.append("    dropped: ").append(d).append('\n');
    }
    b.append(String.format(Locale.ROOT, "  subscriptions  K=%d of S=%d symbols per connection (assign %s), fan-out %.2f%n",
        Math.min(k, s), s, assign, fanout()));
    b.append(String.format(Locale.ROOT, "  window         %d s after %d s warm-up%n", duration, warmup));
    b.append(String.format(Locale.ROOT, "  delivered      %d msgs in window, %.1f msgs/s  (per second min %d / median %d / max %d)%n",
        stats.deliveredWindow, deliveredPerSec(), ps.length == 0 ? 0 : ps[0], ps.length == 0 ? 0 : ps[ps.length / 2],
        ps.length == 0 ? 0 : ps[ps.length - 1]));
    if (rate > 0) {
      double exp = rate * fanout();
      b.append(String.format(Locale.ROOT, "  expected       %.1f msgs/s (rate %.0f x fan-out %.2f), ratio %.3f%n",
          exp, rate, fanout(), exp > 0 ? deliveredPerSec() / exp : 0));
    }
    b.append(String.format(Locale.ROOT, "  whole run      %d updates, %d snapshots, %d other frames, %d unparsed, %d foreign-symbol%n",
        stats.deliveredTotal, stats.snapshots, stats.other, stats.unparsed, stats.foreign));
    b.append(String.format(Locale.ROOT, "  latency ms     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%d samples, %d negative, %d bad ts)%n",
        fmt(ms(h, 50)), fmt(ms(h, 90)), fmt(ms(h, 99)), fmt(ms(h, 99.9)),
        fmt(h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000.0), h.getTotalCount(), stats.negativeLatency, stats.badTs));
    SeqStats q = stats.seq;
    b.append(String.format(Locale.ROOT, "  seq gaps       %d missing in window  (%d whole run)%n", q.gapsWindow, q.gapsTotal));
    b.append(String.format(Locale.ROOT, "  dup/out-order  %d in window  (%d whole run)%n", q.dupsWindow, q.dupsTotal));
    b.append(String.format(Locale.ROOT, "  conflated      %d skipped by the hub in window  (%d whole run)%n",
        q.conflatedWindow, q.conflatedTotal));
    if (note != null) {
      b.append("  note: ").append(note).append('\n');
    }
    return b.toString();
  }

  String json() {
    Histogram h = stats.latencyUs;
    long[] ps = perSecSorted();
    SeqStats q = stats.seq;
    double exp = rate > 0 ? rate * fanout() : Double.NaN;
    StringBuilder b = new StringBuilder(1024);
    b.append('{');
    str(b, "tool", "tickhub-bench-loadgen").append(',');
    str(b, "url", url).append(',');
    str(b, "transport", transport).append(',');
    kv(b, "threads", threads).append(',');
    kv(b, "n", connections).append(',');
    kv(b, "k", Math.min(k, s)).append(',');
    kv(b, "s", s).append(',');
    str(b, "assign", assign).append(',');
    b.append("\"fanout\":").append(num(fanout())).append(',');
    kv(b, "warmup", warmup).append(',');
    kv(b, "duration", duration).append(',');
    kv(b, "connected", connOk).append(',');
    kv(b, "connectFailed", connFailed).append(',');
    kv(b, "drops", connDropped).append(',');
    kv(b, "connectMs", connectMs).append(',');
    kv(b, "delivered", stats.deliveredWindow).append(',');
    b.append("\"deliveredPerSec\":").append(num(deliveredPerSec())).append(',');
    b.append("\"targetRate\":").append(num(rate > 0 ? rate : Double.NaN)).append(',');
    b.append("\"expectedPerSec\":").append(num(exp)).append(',');
    b.append("\"ratio\":").append(num(exp > 0 ? deliveredPerSec() / exp : Double.NaN)).append(',');
    kv(b, "perSecMin", ps.length == 0 ? 0 : ps[0]).append(',');
    kv(b, "perSecMed", ps.length == 0 ? 0 : ps[ps.length / 2]).append(',');
    kv(b, "perSecMax", ps.length == 0 ? 0 : ps[ps.length - 1]).append(',');
    kv(b, "updatesTotal", stats.deliveredTotal).append(',');
    kv(b, "snapshots", stats.snapshots).append(',');
    kv(b, "other", stats.other).append(',');
    kv(b, "unparsed", stats.unparsed).append(',');
    kv(b, "foreign", stats.foreign).append(',');
    b.append("\"latMs\":{");
    b.append("\"p50\":").append(num(ms(h, 50))).append(',');
    b.append("\"p90\":").append(num(ms(h, 90))).append(',');
    b.append("\"p99\":").append(num(ms(h, 99))).append(',');
    b.append("\"p999\":").append(num(ms(h, 99.9))).append(',');
    b.append("\"max\":").append(num(h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000.0)).append(',');
    b.append("\"mean\":").append(num(h.getTotalCount() == 0 ? null : h.getMean() / 1000.0)).append(',');
    kv(b, "samples", h.getTotalCount()).append("},");
    kv(b, "negLatency", stats.negativeLatency).append(',');
    kv(b, "badTs", stats.badTs).append(',');
    kv(b, "gaps", q.gapsWindow).append(',');
    kv(b, "gapsTotal", q.gapsTotal).append(',');
    kv(b, "dups", q.dupsWindow).append(',');
    kv(b, "dupsTotal", q.dupsTotal).append(',');
    kv(b, "conflated", q.conflatedWindow).append(',');
    kv(b, "conflatedTotal", q.conflatedTotal).append(',');
    list(b, "failSamples", failSamples).append(',');
    list(b, "dropSamples", dropSamples);
    if (note != null) {
      b.append(',');
      str(b, "note", note);
    }
    b.append('}');
    return b.toString();
  }

  private static StringBuilder kv(StringBuilder b, String k, long v) {
    return b.append('"').append(k).append("\":").append(v);
  }

  private static StringBuilder str(StringBuilder b, String k, String v) {
    b.append('"').append(k).append("\":");
    return quote(b, v);
  }

  private static StringBuilder list(StringBuilder b, String k, List<String> v) {
    b.append('"').append(k).append("\":[");
    for (int i = 0; i < v.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      quote(b, v.get(i));
    }
    return b.append(']');
  }

  /** Appends {@code v} as a JSON string literal. */
  static StringBuilder quote(StringBuilder b, String v) {
    if (v == null) {
      return b.append("null");
    }
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
