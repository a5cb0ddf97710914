package io.tickhub.bench.store.candidate;

import io.tickhub.core.quote.Quote;
import java.util.List;

/**
 * One load of the ticks into a fresh store of one kind, then its queries.
 *
 * @param kind          the store
 * @param run           1 for the first run, 2... after it
 * @param ticks         ticks appended
 * @param stored        ticks the store counts afterwards, -1 if unknown
 * @param ingestNanos   wall time from the first append until the last tick was stored
 * @param cpuNanos      CPU time of the whole process (every thread: the store's own, JIT, GC) over that time
 * @param callerCpuNanos CPU time of the thread that appended, over that time
 * @param fileBytes     apparent size of the store's files after the load (preallocated space included)
 * @param newest        the newest 100 ticks of a random symbol
 * @param history       a page of 1000 ticks of a random symbol from a random time of the day
 * @param bars          one-minute bars of a random symbol over the whole day
 * @param sampleNewest  the newest 100 ticks of {@link CandidateBench#SAMPLE_SYMBOL}, to compare stores by
 * @param sampleBars    its bars over the day, to compare stores by
 * @param error         why the run failed or a query answered wrongly, or null
 */
public record CandidateResult(CandidateKind kind, int run, int ticks, long stored, long ingestNanos, long cpuNanos,
                              long callerCpuNanos, long fileBytes, Latency newest, Latency history, Latency bars,
                              List<Quote> sampleNewest, List<MinuteBar> sampleBars, String error) {

  static CandidateResult failed(CandidateKind kind, int run, int ticks, String error) {
    return new CandidateResult(kind, run, ticks, -1, 0, 0, 0, 0, null, null, null, List.of(), List.of(), error);
  }

  public boolean complete() {
    return error == null && stored == ticks;
  }

  public double ticksPerSecond() {
    return ingestNanos <= 0 ? 0 : stored * 1e9 / ingestNanos;
  }

  /** Process CPU per stored tick, in µs. */
  public double cpuMicrosPerTick() {
    return stored <= 0 ? 0 : cpuNanos / 1e3 / stored;
  }

  public double callerCpuMicrosPerTick() {
    return stored <= 0 ? 0 : callerCpuNanos / 1e3 / stored;
  }

  /** Cores kept busy while loading: process CPU over wall time. */
  public double coresUsed() {
    return ingestNanos <= 0 ? 0 : (double) cpuNanos / ingestNanos;
  }
}
