package io.tickhub.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** Connection-level counters shared by the main thread and the event loops (rare events only). */
final class ConnTracker {
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();
  final Semaphore inFlight;
  final CountDownLatch settled;
  volatile boolean stopping;
  private final Map<String, AtomicInteger> failReasons = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> dropReasons = new ConcurrentHashMap<>();

  ConnTracker(int connections, int concurrency) {
    inFlight = new Semaphore(concurrency);
    settled = new CountDownLatch(connections);
  }

  void failed(String reason) {
    failed.incrementAndGet();
    failReasons.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
  }

  void dropped(String reason) {
    dropped.incrementAndGet();
    dropReasons.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
  }

  /** The most frequent failure reasons, as "count× reason". */
  List<String> failSamples(int max) {
    return top(failReasons, max);
  }

  List<String> dropSamples(int max) {
    return top(dropReasons, max);
  }

  private static List<String> top(Map<String, AtomicInteger> m, int max) {
    List<Map.Entry<String, AtomicInteger>> l = new ArrayList<>(m.entrySet());
    l.sort(Comparator.comparingInt((Map.Entry<String, AtomicInteger> e) -> e.getValue().get()).reversed());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(max, l.size()); i++) {
      out.add(l.get(i).getValue().get() + "x " + l.get(i).getKey());
    }
    return out;
  }
}
